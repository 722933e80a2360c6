using System.Collections.Generic;

namespace Vfio.Simulation;

/// <summary>
/// The errno values the stack returns, as in include/uapi/asm-generic/errno-base.h and errno.h.
/// Functions return <c>-Errno.X</c> on failure, like the kernel, so results compare one-to-one.
/// </summary>
public static class Errno
{
    /// <summary>Operation not permitted (EPERM).</summary>
    public const int EPERM = 1;

    /// <summary>Bad file number (EBADF): the operation needs a file that is not open.</summary>
    public const int EBADF = 9;

    /// <summary>Out of memory (ENOMEM).</summary>
    public const int ENOMEM = 12;

    /// <summary>Bad address (EFAULT): copy_from_user() failed.</summary>
    public const int EFAULT = 14;

    /// <summary>Device or resource busy (EBUSY).</summary>
    public const int EBUSY = 16;

    /// <summary>No such device (ENODEV).</summary>
    public const int ENODEV = 19;

    /// <summary>Invalid argument (EINVAL).</summary>
    public const int EINVAL = 22;

    /// <summary>Inappropriate ioctl for device (ENOTTY).</summary>
    public const int ENOTTY = 25;

    /// <summary>Value too large for defined data type (EOVERFLOW).</summary>
    public const int EOVERFLOW = 75;

    /// <summary>Operation not supported (EOPNOTSUPP).</summary>
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
