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
    // reject_every_other(_connection): the 2nd, 4th, ... connection (and
    // link) is refused - a policy that makes some connections fail in a
    // chain, not all.
    enum class Policy {
        accept_all,
        reject_connections,
        refuse_links,
        reject_every_other_connection,
        reject_every_other,
    };
    explicit StubAdminDll(Policy policy);

    const std::string& name() const override { return name_; }
    void* resolve(std::string_view export_name) const override;
    CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) override;

private:
    Policy policy_;
    std::string name_;
    unsigned connections_asked_ = 0, links_asked_ = 0;
};

}  // namespace rasconform::mock
