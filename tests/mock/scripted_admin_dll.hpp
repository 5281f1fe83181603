// The in-process test double both the engine tests and the trace-checker
// tests drive: exports the names it is given and answers from a script.
// `call` never jumps to `fn`; it is the behaviour. Not thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "rasconform/abi.hpp"
#include "rasconform/backend.hpp"

namespace rasconform::test {

// Lifecycle, the link pair, the variant-1 connection pair and the IPv4
// pair: the export set of a plain DLL.
inline const std::set<std::string> plain_exports{
    "MprAdminInitializeDll",       "MprAdminTerminateDll",
    "MprAdminAcceptNewLink",       "MprAdminLinkHangupNotification",
    "MprAdminAcceptNewConnection", "MprAdminConnectionHangupNotification",
    "MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"};

class ScriptedAdminDll final : public AdminDllBackend {
public:
    ScriptedAdminDll(std::string name, std::set<std::string> exports)
        : name_(std::move(name)), exports_(std::move(exports)) {}

    const std::string& name() const override { return name_; }
    void* resolve(std::string_view n) const override {
        auto it = exports_.find(std::string(n));
        return it == exports_.end() ? nullptr : const_cast<std::string*>(&*it);
    }
    CallOutcome call(const CalloutInfo& c, void* fn, std::span<void* const> args) override {
        calls.push_back(std::string(c.name));
        fns.push_back(fn);
        threads.push_back(std::this_thread::get_id());
        CallOutcome o;
        const auto fault = faults.find(c.id);
        const auto once = faults_once_.find(c.id);
        const auto after = fault_after_.find(c.id);
        const bool late = after != fault_after_.end() && after->second-- == 0;
        if (fault != faults.end() || late || (once != faults_once_.end() && once->second > 0)) {
            if (fault == faults.end() && !late) --once->second;
            o.kind = CallOutcome::Kind::fault;
            o.exception_code = fault != faults.end() ? fault->second : 0xC0000005;
            return o;
        }
        if (c.id == Callout::InitializeDllEx && fill_table)
            fill_table(*static_cast<winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS*>(args[0]));
        if (c.id == Callout::AcceptNewLink)
            link_connections.push_back(static_cast<winabi::host::RAS_PORT_0*>(args[0])->hConnection);
        if (c.id == Callout::AcceptNewConnection || c.id == Callout::AcceptNewConnection2 ||
            c.id == Callout::AcceptNewConnection3)
            accept_connections.push_back(static_cast<winabi::host::RAS_CONNECTION_0*>(args[0])->hConnection);
        if ((c.id == Callout::GetIpAddressForUser || c.id == Callout::GetIpv6AddressForUser) && writes_notify)
            *static_cast<std::uint32_t*>(args[3]) = 1;  // bNotifyRelease: keep RRAS's address, ask for Release
        o.value = c.returns == Returns::boolean ? 1u : 0u;
        if (auto it = answers.find(c.id); it != answers.end()) o.value = it->second;
        if (auto it = queued_.find(c.id); it != queued_.end() && !it->second.empty()) {
            o.value = it->second.front();
            it->second.pop_front();
        }
        return o;
    }

    // The next call of `c` answers `v` (then the standing answer again).
    void next(Callout c, std::uint32_t v) { queued_[c].push_back(v); }
    // The next call of `c` faults with an access violation.
    void fault_next(Callout c) { ++faults_once_[c]; }
    // The call after `calls` more calls of `c` faults (once).
    void fault_after(Callout c, int calls) { fault_after_[c] = calls; }
    ResourceUse resource_use() override { return resources; }
    ResourceUse resources;  // what resource_use() reports (ROBUST-4)

    std::map<Callout, std::uint32_t> answers;  // standing answer per callout
    std::map<Callout, std::uint32_t> faults;   // every call of the callout faults with this code
    std::function<void(winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS&)> fill_table;  // what InitializeDllEx writes
    bool writes_notify = true;  // false: Get leaves *bNotifyRelease as it came (IPADDR-3 bug)

    std::vector<std::string> calls;  // callout names, in call order
    std::vector<void*> fns;          // the function pointer each call was made through
    std::vector<std::thread::id> threads;  // the thread each call ran on
    std::vector<std::uint64_t> link_connections, accept_connections;

private:
    std::string name_;
    std::set<std::string> exports_;
    std::map<Callout, int> fault_after_;
    std::map<Callout, std::deque<std::uint32_t>> queued_;
    std::map<Callout, int> faults_once_;
};

}  // namespace rasconform::test
