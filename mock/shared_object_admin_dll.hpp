// A Linux shared object that implements the callouts against the portable
// structures of rasconform/abi.hpp: the native counterpart of the Win32
// backend, so the engine and the cases run on a DLL's logic compiled for
// Linux (and under Linux tools). Only C++ exceptions are contained here.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "rasconform/backend.hpp"

namespace rasconform::mock {

class SharedObjectAdminDll final : public AdminDllBackend {
public:
    // Throws std::runtime_error naming the file and dlerror() when loading fails.
    explicit SharedObjectAdminDll(const std::filesystem::path& path);
    ~SharedObjectAdminDll() override;
    SharedObjectAdminDll(const SharedObjectAdminDll&) = delete;
    SharedObjectAdminDll& operator=(const SharedObjectAdminDll&) = delete;

    const std::string& name() const override { return name_; }
    void* resolve(std::string_view export_name) const override;
    CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) override;

private:
    void* handle_ = nullptr;
    std::string name_;
};

}  // namespace rasconform::mock
