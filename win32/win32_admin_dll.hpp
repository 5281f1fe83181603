// The real-DLL backend: a PE admin DLL loaded with LoadLibraryExW, callouts
// resolved by exact undecorated name (LOAD-8) and called under a fault guard
// so that a crash or a C++ throw fails the case instead of the run (ROBUST-1).
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "rasconform/backend.hpp"

namespace rasconform::win32 {

// The DLL could not be loaded; what() names the file and the Win32 error.
class LoadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Win32AdminDll final : public AdminDllBackend {
public:
    explicit Win32AdminDll(const std::filesystem::path& path);
    ~Win32AdminDll() override;
    Win32AdminDll(const Win32AdminDll&) = delete;
    Win32AdminDll& operator=(const Win32AdminDll&) = delete;

    const std::string& name() const override { return name_; }
    void* resolve(std::string_view export_name) const override;
    CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) override;

private:
    void* module_ = nullptr;  // HMODULE
    std::string name_;
};

// Runs `invoke_callout` with structured-exception and C++-exception
// containment on the calling thread. Shared by every backend that calls
// native code in this process.
CallOutcome guarded_invoke(const CalloutInfo& callout, void* fn, std::span<void* const> args);

}  // namespace rasconform::win32
