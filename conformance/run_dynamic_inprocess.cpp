// Windows: the dynamic cases call the DLL in this process.
#include <fmt/format.h>

#include "conformance/dynamic_runner.hpp"
#include "conformance/suite.hpp"
#include "win32/win32_admin_dll.hpp"

namespace rasconform::conformance {

DynamicRun run_dynamic(const Subject& subject, const Profile& profile, const RunnerOptions&) {
    constexpr std::uint16_t host_machine = sizeof(void*) == 8 ? PE_MACHINE_AMD64 : PE_MACHINE_I386;
    if (subject.pe.machine != host_machine)
        return {dynamic_cases_with(Status::not_applicable,
                                   fmt::format("{} is a {} DLL and this rasconform.exe is {}: a process can only "
                                               "load DLLs of its own architecture",
                                               subject.file_name, machine_name(subject.pe.machine),
                                               machine_name(host_machine))),
                {}};
    std::filesystem::path path = subject.path;
    DynamicContext ctx{profile, subject.file_name,
                       [path] { return std::make_unique<win32::Win32AdminDll>(path); }};
    return {run_dynamic_cases(ctx), {}};
}

}  // namespace rasconform::conformance
