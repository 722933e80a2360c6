using System.Collections.Generic;

namespace Vfio.Simulation.Linux;

/// <summary>
/// Models iomem_resource and request_resource()/release_resource() of kernel/resource.c as a flat
/// set of non-overlapping ranges: enough to decide whether the rest of a sub-page BAR's page can be
/// reserved (vfio_pci_probe_mmaps) or is already taken by another resource.
/// </summary>
public sealed class IomemResource
{
    private readonly List<Resource> _children = new();

    /// <summary>Models iomem_resource.child and its siblings: the resources currently inserted.</summary>
    public IReadOnlyList<Resource> Children => _children;

    /// <summary>
    /// Models request_resource(): inserts <paramref name="resource"/>, or returns -EBUSY when it is
    /// empty or overlaps a resource already present.
    /// </summary>
    public int RequestResource(Resource resource)
    {
        if (resource.Size == 0 || resource.End < resource.Start)
        {
            return -Errno.EBUSY;
        }

        foreach (var child in _children)
        {
            if (child.Overlaps(resource))
            {
                return -Errno.EBUSY;
            }
        }

        _children.Add(resource);
        return 0;
    }

    /// <summary>Models release_resource(): removes a resource inserted earlier; -EINVAL when absent.</summary>
    public int ReleaseResource(Resource resource) => _children.Remove(resource) ? 0 : -Errno.EINVAL;

    /// <summary>Models __request_region()'s conflict lookup: the resource overlapping the range, if any.</summary>
    public Resource? FindConflict(Resource resource)
    {
        foreach (var child in _children)
        {
            if (child.Overlaps(resource))
            {
                return child;
            }
        }

        return null;
    }
}
