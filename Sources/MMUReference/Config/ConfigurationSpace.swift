/// The finite configuration space, enumerable: every combination of the knobs in
/// `VMConfiguration` (host TDP on/off, 4/5 levels, host page sizes; direct_mmu value and
/// writability; root policy; guest paging, SMM, nested; vCPU counts).
public enum ConfigurationSpace {
    public static func all(vcpuCounts: [Int] = [1, 2]) -> [VMConfiguration] {
        var out: [VMConfiguration] = []
        for tdp in [false, true] {
            for levels in [4, 5] {
                for hostLevel in 1...3 {
                    for value in [false, true] {
                        for writable in [false, true] {
                            for policy in RootPolicy.allCases {
                                for paging in GuestPagingMode.allCases {
                                    for smm in [false, true] {
                                        for nested in [false, true] {
                                            for vcpus in vcpuCounts {
                                                out.append(VMConfiguration(
                                                    host: HostConfiguration(tdpEnabled: tdp, tdpLevels: levels, maxHostPageLevel: hostLevel),
                                                    parameters: ModuleParameters(directMMU: ModuleParameter(value: value, writableAtRuntime: writable)),
                                                    guest: GuestConfiguration(paging: paging, smm: smm, nested: nested, vcpuCount: vcpus),
                                                    rootPolicy: policy))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
