#include "mock/shared_object_admin_dll.hpp"

#include <dlfcn.h>

namespace rasconform::mock {

SharedObjectAdminDll::SharedObjectAdminDll(const std::filesystem::path& path) : name_(path.filename().string()) {
    // RTLD_LOCAL: two subjects exporting the same callout names must not see each other.
    handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
        const char* why = dlerror();
        throw std::runtime_error(name_ + ": " + (why ? why : "dlopen failed"));
    }
}

SharedObjectAdminDll::~SharedObjectAdminDll() {
    if (handle_) dlclose(handle_);
}

void* SharedObjectAdminDll::resolve(std::string_view export_name) const {
    return dlsym(handle_, std::string(export_name).c_str());
}

CallOutcome SharedObjectAdminDll::call(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    CallOutcome out;
    try {
        out.value = invoke_callout(callout, fn, args);
    } catch (const std::exception& e) {
        out.kind = CallOutcome::Kind::cxx_exception;
        out.detail = e.what();
    } catch (...) {
        out.kind = CallOutcome::Kind::cxx_exception;
        out.detail = "exception of unknown type";
    }
    return out;
}

}  // namespace rasconform::mock
