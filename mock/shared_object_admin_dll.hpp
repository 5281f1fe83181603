// A Linux shared object that implements the callouts against the portable
// structures (<rasconform/mprapi_compat.h>, the C face of rasconform/abi.hpp):
// the native counterpart of the Win32 backend, so the engine and the cases
// run on a DLL's logic compiled for Linux, under ASan, UBSan and TSan
// (native mode, issue 8). Only C++ exceptions are contained here: a fault
// is the sanitizer's or the kernel's to report.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "rasconform/backend.hpp"

namespace rasconform::mock {

// Private copies of one shared object, each in a directory of its own under
// one scratch directory (removed with the last holder): dlopen of the same
// path returns the instance already loaded, so a fresh instance - clean
// statics per case, a second instance for the IP callouts (PROC-1) - needs
// a file of its own. The file name stays the original's, so sanitizer
// reports and messages name the DLL the vendor knows.
class SharedObjectCopies {
public:
    // Throws std::runtime_error when the scratch directory cannot be made.
    explicit SharedObjectCopies(std::filesystem::path original);
    ~SharedObjectCopies();
    SharedObjectCopies(const SharedObjectCopies&) = delete;
    SharedObjectCopies& operator=(const SharedObjectCopies&) = delete;
    // A new copy's path; throws std::runtime_error naming the file when copying fails.
    std::filesystem::path fresh();

private:
    std::filesystem::path original_;
    std::filesystem::path scratch_;
    std::atomic<unsigned> next_{0};
};

class SharedObjectAdminDll final : public AdminDllBackend {
public:
    // Throws std::runtime_error naming the file and dlerror() when loading
    // fails. `name` is the name shown in messages (default: the file name).
    explicit SharedObjectAdminDll(const std::filesystem::path& path, std::string name = {});
    // Loads a fresh private copy from `copies` (see SharedObjectCopies).
    SharedObjectAdminDll(const std::shared_ptr<SharedObjectCopies>& copies, std::string name);
    ~SharedObjectAdminDll() override;
    SharedObjectAdminDll(const SharedObjectAdminDll&) = delete;
    SharedObjectAdminDll& operator=(const SharedObjectAdminDll&) = delete;

    const std::string& name() const override { return name_; }
    void* resolve(std::string_view export_name) const override;
    CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) override;

private:
    std::shared_ptr<SharedObjectCopies> copies_;  // keeps the scratch file while loaded
    void* handle_ = nullptr;
    std::string name_;
};

}  // namespace rasconform::mock
