/// Which kernel APIs take a file-permission argument, where it is, and what a
/// permission expression is worth. Shared by the permission rules.
enum PermissionArguments {
    /// 1-based position of the mode argument, by API name. The list follows the
    /// kernel's own APIs (moduleparam.h, debugfs.h, proc_fs.h, device.h, sysfs.h,
    /// hwmon-sysfs.h, iio/sysfs.h).
    static let exactNames: [String: Int] = [
        "module_param": 3, "module_param_unsafe": 3,
        "module_param_named": 4, "module_param_named_unsafe": 4,
        "module_param_array": 4, "module_param_string": 4, "module_param_cb": 4,
        "module_param_cb_unsafe": 4, "module_param_array_named": 5,
        "proc_create": 2, "proc_create_data": 2, "proc_create_seq": 2, "proc_create_single": 2,
        "proc_create_seq_data": 2, "proc_create_single_data": 2,
        "__ATTR": 2, "DEVICE_ATTR": 2, "CLASS_ATTR": 2, "DRIVER_ATTR": 2, "BUS_ATTR": 2,
        "SENSOR_DEVICE_ATTR": 2, "SENSOR_DEVICE_ATTR_2": 2, "SENSOR_ATTR": 2, "SENSOR_ATTR_2": 2,
        "IIO_DEVICE_ATTR": 2, "SENSOR_TEMPLATE": 3, "SENSOR_TEMPLATE_2": 3,
    ]

    /// The mode position of a call, or nil when the callee takes no mode.
    static func modePosition(of name: String) -> Int? {
        if let position = exactNames[name] { return position }
        // Every debugfs_create_<type> helper takes (name, mode, parent, ...), except
        // the directory and symlink creators.
        if name.hasPrefix("debugfs_create_"), name != "debugfs_create_dir",
           name != "debugfs_create_symlink", name != "debugfs_create_automount" {
            return 2
        }
        if name.hasPrefix("IIO_DEV_ATTR_") { return 1 }
        return nil
    }

    /// The sixteen permission macros of the kernel's stat.h headers (the ones checkpatch
    /// objects to), with their octal values.
    static let symbolicModes: [String: Int] = [
        "S_IRWXUGO": 0o777, "S_IRUGO": 0o444, "S_IWUGO": 0o222, "S_IXUGO": 0o111,
        "S_IRWXU": 0o700, "S_IRUSR": 0o400, "S_IWUSR": 0o200, "S_IXUSR": 0o100,
        "S_IRWXG": 0o070, "S_IRGRP": 0o040, "S_IWGRP": 0o020, "S_IXGRP": 0o010,
        "S_IRWXO": 0o007, "S_IROTH": 0o004, "S_IWOTH": 0o002, "S_IXOTH": 0o001,
    ]

    /// How a mode argument is written.
    enum Mode: Equatable {
        /// A single integer literal: its text and value.
        case octal(text: String, value: Int)
        case decimal(text: String, value: Int)
        /// An expression of permission macros (and maybe octal literals) joined by `|`.
        case symbolic(value: Int)
        /// Anything else (a variable, a macro we do not know).
        case other

        var value: Int? {
            switch self {
            case .octal(_, let v), .decimal(_, let v), .symbolic(let v): v
            case .other: nil
            }
        }

        /// True when some write bit is set (the parameter or file is writable).
        var isWritable: Bool { (value ?? 0) & 0o222 != 0 }
    }

    /// Reads a mode from the tokens of one argument.
    static func mode(of tokens: ArraySlice<CToken>) -> Mode {
        let significant = tokens.filter { !$0.isPunct("(") && !$0.isPunct(")") }
        if significant.count == 1, let literal = significant.first, literal.kind == .number {
            return integer(literal.text)
        }
        var value = 0
        var expectOperand = true
        var sawMacro = false
        for token in significant {
            if expectOperand {
                if token.kind == .identifier, let v = symbolicModes[token.text] {
                    value |= v
                    sawMacro = true
                } else if token.kind == .number, case .octal(_, let v) = integer(token.text) {
                    value |= v
                } else {
                    return .other
                }
            } else if !token.isPunct("|") {
                return .other
            }
            expectOperand.toggle()
        }
        return sawMacro && !expectOperand ? .symbolic(value: value) : .other
    }

    /// An integer literal: octal when it starts with 0 (and is not just "0"), decimal
    /// otherwise; hex and anything with suffixes count as "other".
    static func integer(_ text: String) -> Mode {
        guard !text.isEmpty, text.allSatisfy(\.isNumber) else { return .other }
        if text.count > 1 && text.hasPrefix("0") {
            guard let v = Int(text, radix: 8) else { return .other }
            return .octal(text: text, value: v)
        }
        guard let v = Int(text) else { return .other }
        return .decimal(text: text, value: v)
    }

    /// Four-digit octal as checkpatch prints it (0644).
    static func octal(_ value: Int) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
