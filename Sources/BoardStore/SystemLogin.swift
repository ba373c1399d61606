import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The authenticated login of this process, as the operating system knows it.
///
/// Signing a decision needs an identity the person at the keyboard cannot simply type: on a shared server each
/// board member connects with their own SSH account, so the effective user id of the terminal's process is
/// theirs. `USER`, `LOGNAME` and `--user` are set by whoever starts the program and are not used here.
enum SystemLogin {
    /// The name of the effective user id in the password database, else "uid N" (a container without an entry).
    static func current() -> String {
        let uid = geteuid()
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        if getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, let found = result,
            let name = found.pointee.pw_name
        {
            let login = String(cString: name)
            if !login.isEmpty { return login }
        }
        return "uid \(uid)"
    }
}
