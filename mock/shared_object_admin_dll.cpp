#include "mock/shared_object_admin_dll.hpp"

#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <string_view>
#include <system_error>

namespace rasconform::mock {

namespace {

constexpr std::string_view copies_prefix = "rasconform-native-";

// A run that died (a sanitizer abort, a crash in the shared object) cannot
// remove its copies; the next run does, for every owner that is gone.
void remove_copies_of_ended_runs(const std::filesystem::path& temp) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(temp, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(copies_prefix)) continue;
        const std::string_view rest = std::string_view(name).substr(copies_prefix.size());
        pid_t owner = 0;
        const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), owner);
        if (error != std::errc() || end == rest.data() || *end != '-') continue;
        if (kill(owner, 0) == -1 && errno == ESRCH) std::filesystem::remove_all(entry.path(), ec);
    }
}

}  // namespace

SharedObjectCopies::SharedObjectCopies(std::filesystem::path original) : original_(std::move(original)) {
    const std::filesystem::path temp = std::filesystem::temp_directory_path();
    remove_copies_of_ended_runs(temp);
    // Named like every scratch path of rasconform, so a leak is recognisable,
    // and with the owner's pid, so a leftover can be told from a live run's.
    std::string pattern = (temp / (std::string(copies_prefix) + std::to_string(getpid()) + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error(pattern + ": cannot create a scratch directory for private copies");
    scratch_ = pattern;
}

SharedObjectCopies::~SharedObjectCopies() {
    std::error_code ec;
    std::filesystem::remove_all(scratch_, ec);
}

std::filesystem::path SharedObjectCopies::fresh() {
    const std::filesystem::path dir = scratch_ / std::to_string(next_++);
    const std::filesystem::path copy = dir / original_.filename();
    std::error_code ec;
    std::filesystem::create_directory(dir, ec);
    if (!ec) std::filesystem::copy_file(original_, copy, ec);
    if (ec) throw std::runtime_error(original_.string() + ": cannot make a private copy: " + ec.message());
    return copy;
}

SharedObjectAdminDll::SharedObjectAdminDll(const std::filesystem::path& path, std::string name)
    : name_(name.empty() ? path.filename().string() : std::move(name)) {
    // RTLD_LOCAL: two subjects exporting the same callout names must not see each other.
    handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
        const char* why = dlerror();
        throw std::runtime_error(name_ + ": " + (why ? why : "dlopen failed"));
    }
}

SharedObjectAdminDll::SharedObjectAdminDll(const std::shared_ptr<SharedObjectCopies>& copies, std::string name)
    : SharedObjectAdminDll(copies->fresh(), std::move(name)) {
    copies_ = copies;
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
