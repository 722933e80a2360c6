using System.Collections.Generic;

namespace Vfio.Simulation;

/// <summary>
/// The errno values the stack returns, as in include/uapi/asm-generic/errno-base.h and errno.h.
/// Functions return <c>-Errno.X</c> on failure, like the kernel, so results compare one-to-one.
/// </summary>
public static class Errno
{
    /// <summary>Models EPERM: operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>Models EBADF: bad file number: the operation needs a file that is not open.</summary>
    public const int EBADF = 9;

    /// <summary>Models ENOMEM: out of memory.</summary>
    public const int ENOMEM = 12;

    /// <summary>Models EFAULT: bad address: copy_from_user() failed.</summary>
    public const int EFAULT = 14;

    /// <summary>Models EBUSY: device or resource busy.</summary>
    public const int EBUSY = 16;

    /// <summary>Models ENODEV: no such device.</summary>
    public const int ENODEV = 19;

    /// <summary>Models EINVAL: invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>Models ENOTTY: inappropriate ioctl for device.</summary>
    public const int ENOTTY = 25;

    /// <summary>Models EOVERFLOW: value too large for defined data type.</summary>
    public const int EOVERFLOW = 75;

    /// <summary>Models EOPNOTSUPP: operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    private static readonly Dictionary<int, string> Names = new()
    {
        [EPERM] = nameof(EPERM),
        [EBADF] = nameof(EBADF),
        [ENOMEM] = nameof(ENOMEM),
        [EFAULT] = nameof(EFAULT),
        [EBUSY] = nameof(EBUSY),
        [ENODEV] = nameof(ENODEV),
        [EINVAL] = nameof(EINVAL),
        [ENOTTY] = nameof(ENOTTY),
        [EOVERFLOW] = nameof(EOVERFLOW),
        [EOPNOTSUPP] = nameof(EOPNOTSUPP),
    };

    /// <summary>
    /// Models errname() (lib/errname.c): the symbolic name of an errno, given either sign;
    /// an unknown value is printed as its number.
    /// </summary>
    public static string Name(int errno)
    {
        var positive = errno < 0 ? -errno : errno;
        return Names.TryGetValue(positive, out var name) ? name : positive.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
