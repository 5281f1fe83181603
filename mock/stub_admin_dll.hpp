// A built-in admin DLL with a fixed policy, used as a second DLL in a chain
// so that a case can make a connection or link be refused independently of
// the subject's own policy (HANGUP-4, HANGUP-5, LINK-4). It is a backend like
// any other: the engine cannot tell it from a loaded DLL.
#pragma once

#include <string>

#include "rasconform/backend.hpp"

namespace rasconform::mock {

class StubAdminDll final : public AdminDllBackend {
public:
    enum class Policy { accept_all, reject_connections, refuse_links };
    explicit StubAdminDll(Policy policy);

    const std::string& name() const override { return name_; }
    void* resolve(std::string_view export_name) const override;
    CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) override;

private:
    Policy policy_;
    std::string name_;
};

}  // namespace rasconform::mock
