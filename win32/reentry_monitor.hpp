// The Win32 REENTRY detector: loads rasconform's replacement mprapi.dll
// (win32/mprapi_shim) before the subject, so the subject's calls to the RAS
// administration API land here (REENTRY-4).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "mock/reentry.hpp"
#include "rasconform/pe_image.hpp"

namespace rasconform::win32 {

class Win32ReentryMonitor final : public mock::ReentryMonitor {
public:
    // Faithful mode blocks a forbidden call forever, as RRAS does
    // (REENTRY-1); the callout watchdog then cuts it off. The default
    // records it and fails the call with ERROR_NOT_SUPPORTED.
    static std::unique_ptr<Win32ReentryMonitor> load(const std::filesystem::path& shim, bool faithful,
                                                     std::string& why_not);
    ~Win32ReentryMonitor() override;

    void attach(mock::Service* service) override;
    std::vector<mock::ReentryViolation> violations() const override;
    std::vector<std::string> user_messages() const;

private:
    Win32ReentryMonitor() = default;
};

// The shim can stand in for mprapi.dll only if the subject imports nothing
// else from it; otherwise the reason, naming the functions.
std::string shim_compatibility(const PeImage& subject);

// Faithful mode: the forbidden call thread `thread_id` is blocked in, or
// empty. What the watchdog asks when a callout overruns its budget.
std::string forbidden_call_blocking(unsigned long thread_id);

// Where rasconform.exe keeps the shim: <exe dir>\reentry\mprapi.dll.
std::filesystem::path default_shim_path();

}  // namespace rasconform::win32
