#include "win32/host/hosted_admin_dll.hpp"

#include "rasconform/outcome_json.hpp"
#include "rasconform/param_layout.hpp"
#include "win32/win32_admin_dll.hpp"

#include <cstring>

namespace {
// Under qemu's i386 emulation a host process also ends or stops answering
// by the emulator's own failures (win32/fault_reporting.hpp): an end with no
// sign of the DLL's code (no fault in it, no kept pointer), or a host whose
// own watchdog did not answer, is not counted against the DLL.
const std::string unattributable_under_emulation =
    std::string(", with no sign of the DLL's code, under qemu's i386 emulation, where processes also end by the "
                "emulator's failures ") +
    rasconform::harness_loss_marker;
// The same, where it applies: empty outside the emulation.
std::string when_emulated() { return rasconform::win32::emulated_i386() ? unattributable_under_emulation : std::string(); }
}  // namespace

namespace rasconform::win32 {

std::string HostedAdminDll::with_last_output(std::string why) const {
    // Beside the end of the process, what the DLL said last: an assertion's
    // expression, file and line, an abort's reason.
    if (std::string last = host_ ? host_->last_output() : std::string(); !last.empty())
        why += "; the DLL's last output there: " + last;
    return why;
}

std::vector<mock::ReentryViolation> HostedReentryLog::violations() const {
    std::lock_guard lock(mutex_);
    return violations_;
}

void HostedReentryLog::add(mock::ReentryViolation v) {
    std::lock_guard lock(mutex_);
    violations_.push_back(std::move(v));
}

HostedAdminDll::HostedAdminDll(std::shared_ptr<HostPool> pool, const std::filesystem::path& path,
                               std::chrono::milliseconds budget, std::string display_name,
                               std::shared_ptr<HostedReentryLog> reentry)
    : pool_(std::move(pool)),
      name_(display_name.empty() ? path.filename().string() : std::move(display_name)),
      budget_(budget),
      reentry_(std::move(reentry)) {
    try {
        host_ = pool_->acquire();
    } catch (const std::exception& e) {
        throw LoadError(name_ + ": " + e.what());
    }
    nlohmann::json reply;
    const std::u8string utf8 = std::filesystem::absolute(path).u8string();
    const nlohmann::json load{{"op", "load"},
                              {"path", std::string(utf8.begin(), utf8.end())},
                              {"name", name_},
                              {"budget_ms", budget_.count()},
                              {"reentry", reentry_ != nullptr},
                              {"reentry_faithful", reentry_ && reentry_->faithful()}};
    switch (host_->request(load, reply, backstop_ms())) {
    case HostProcess::Result::ok: break;
    case HostProcess::Result::timeout:
        throw LoadError(name_ + ": loading did not finish (DllMain hangs?); host killed" +
                        when_emulated());
    case HostProcess::Result::ended:
        throw LoadError(with_last_output(name_ + ": the host process ended while loading the DLL (" +
                                         host_->how_it_ended() + "): DllMain ended the process" +
                                         when_emulated()));
    }
    if (reply.contains("error")) {
        pool_->release(std::move(host_));
        throw LoadError(reply["error"].get<std::string>());
    }
    host_pid_ = reply.value("pid", 0u);
    // Every export up front: the engine resolves often, the host answers once.
    for (auto& [export_name, address] : reply.at("exports").items())
        exports_[export_name] = reinterpret_cast<void*>(address.get<std::uint64_t>());
}

HostedAdminDll::~HostedAdminDll() {
    if (!host_) return;
    if (gone_.empty() && !unloaded_) {
        nlohmann::json reply;
        host_->request({{"op", "unload"}}, reply, backstop_ms());
        // A hung thread may hold the loader lock; code of an unloaded DLL
        // ran there (ROBUST-3): either way no host for the next DLL.
        if (reply.value("poisoned", false) || reply.value("tainted", false)) host_->kill();
    }
    pool_->release(std::move(host_));
}

bool HostedAdminDll::set_calling_threads(CallingThreads threads) {
    if (threads == calling_threads_) return true;
    if (!gone_.empty()) return true;  // nothing is called there any more
    nlohmann::json reply;
    if (host_->request({{"op", "threads"}, {"fresh", threads == CallingThreads::fresh}}, reply, backstop_ms()) !=
            HostProcess::Result::ok ||
        !reply.value("ok", false))
        return false;  // not honoured: the host could not be told
    calling_threads_ = threads;
    return true;
}

UnloadResult HostedAdminDll::unload(std::chrono::milliseconds grace) {
    UnloadResult r;
    if (!gone_.empty() || !host_) {
        r.not_done = name_ + ": " + (gone_.empty() ? std::string("not loaded") : gone_) + ", so there is nothing to unload";
        return r;
    }
    if (unloaded_) {
        r.not_done = name_ + " was unloaded already";
        return r;
    }
    unloaded_ = true;
    nlohmann::json reply;
    const std::uint32_t wait = backstop_ms() + static_cast<std::uint32_t>(grace.count());
    switch (host_->request({{"op", "unload"}, {"grace_ms", grace.count()}}, reply, wait)) {
    case HostProcess::Result::ok: break;
    case HostProcess::Result::timeout:
        gone_ = "the host process stopped answering while unloading the DLL and was killed";
        r.not_done = name_ + ": " + gone_ + " (DllMain on DLL_PROCESS_DETACH hangs?)";
        host_->kill();
        return r;
    case HostProcess::Result::ended: {
        gone_ = "the host process ended while unloading the DLL";
        r.not_done = name_ + ": " + gone_ + " (" + host_->how_it_ended() + ")";
        if (std::string finding = host_->last_finding(); !finding.empty()) r.not_done += ": " + finding;
        r.not_done = with_last_output(std::move(r.not_done));
        return r;
    }
    }
    const nlohmann::json& u = reply.value("unload", nlohmann::json::object());
    r.done = u.value("done", false);
    r.not_done = u.value("not_done", std::string(name_ + ": the host did not say what unloading left"));
    r.leftovers = u.value("leftovers", std::vector<std::string>{});
    // A host where the DLL's code may still run (a timer, a thread), or
    // whose DLL is still mapped, must not serve the next load.
    if (reply.value("poisoned", false) || reply.value("tainted", false) || !r.leftovers.empty()) host_->kill();
    return r;
}

ResourceUse HostedAdminDll::resource_use() {
    ResourceUse r;
    if (!gone_.empty() || !host_ || unloaded_) {
        r.not_available = name_ + ": " + (gone_.empty() ? std::string("not loaded") : gone_);
        return r;
    }
    nlohmann::json reply;
    if (host_->request({{"op", "resources"}}, reply, backstop_ms()) != HostProcess::Result::ok) {
        r.not_available = name_ + ": the host process did not answer the resources request";
        return r;
    }
    r.available = reply.value("available", false);
    r.not_available = reply.value("not_available", std::string());
    r.private_bytes = reply.value("private_bytes", std::uint64_t{0});
    r.handles = reply.value("handles", std::uint64_t{0});
    r.threads = reply.value("threads", std::uint64_t{0});
    return r;
}

nlohmann::json HostedAdminDll::run_whole_scenario(nlohmann::json request, std::chrono::milliseconds expected) {
    auto lost = [&](const std::string& why) { return nlohmann::json{{"lost", name_ + ": " + why}}; };
    if (!gone_.empty() || !host_ || unloaded_) return lost(gone_.empty() ? std::string("not loaded") : gone_);
    request["op"] = "scenario";
    // Each callout is bounded by the host's own watchdog; this covers the
    // host itself being wedged.
    const auto wait = static_cast<std::uint32_t>(backstop_ms() + expected.count());
    nlohmann::json reply;
    switch (host_->request(request, reply, wait)) {
    case HostProcess::Result::ok: return reply;
    case HostProcess::Result::timeout:
        gone_ = "the host process stopped answering during a scenario and was killed";
        return lost(gone_ + " (no reply within " + std::to_string(wait / 1000) + " s)" +
                    when_emulated());
    case HostProcess::Result::ended: break;
    }
    gone_ = "the host process ended during a scenario";
    std::string why = gone_ + " (" + host_->how_it_ended() + ")";
    if (std::string finding = host_->last_finding(); !finding.empty()) why += ": " + finding;
    else if (emulated_i386()) why += unattributable_under_emulation;
    return lost(with_last_output(std::move(why)));
}

void* HostedAdminDll::resolve(std::string_view export_name) const {
    auto it = exports_.find(export_name);
    return it == exports_.end() ? nullptr : it->second;
}

CallOutcome HostedAdminDll::call(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    CallOutcome out;
    if (!gone_.empty()) {
        out.kind = CallOutcome::Kind::not_called;
        out.detail = "not called: " + gone_;
        return out;
    }
    if (!host_->usable()) {
        // The host ended between callouts. With the DLL's code on record (a
        // fault in its thread or timer, a kept pointer) that is the DLL's
        // doing; without, nobody can say it was, and it is not counted
        // against the DLL (harness_loss_marker).
        const std::string finding = host_->last_finding();
        const std::string ended = "the host process ended outside any callout (" + host_->how_it_ended() + ")";
        gone_ = ended;
        if (!finding.empty()) {
            out.kind = CallOutcome::Kind::process_ended;
            out.exception_code = host_->exit_status();
            out.detail = ended + ": " + finding;
        } else {
            out.kind = CallOutcome::Kind::not_called;
            out.detail = "not called: " + ended + ", with no sign of the DLL's code " + harness_loss_marker;
        }
        return out;
    }
    const auto params = callout.parameters();
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < args.size() && i < params.size(); ++i) {
        const std::size_t n = param_bytes(params[i], args[i]);
        const auto* bytes = static_cast<const std::uint8_t*>(args[i]);
        list.push_back(n ? nlohmann::json::binary(std::vector<std::uint8_t>(bytes, bytes + n)) : nlohmann::json());
    }
    const nlohmann::json request{{"op", "call"},
                                 {"callout", callout.name},
                                 {"fn", reinterpret_cast<std::uintptr_t>(fn)},
                                 // HDR-2: the IPv6 release is __cdecl as exported, __stdcall from the table.
                                 {"cdecl", callout.convention == CallingConvention::cdecl_},
                                 {"args", std::move(list)}};
    nlohmann::json reply;
    switch (host_->request(request, reply, backstop_ms())) {
    case HostProcess::Result::ok: break;
    case HostProcess::Result::timeout:
        gone_ = "the host process stopped answering during an earlier callout and was killed";
        out.kind = CallOutcome::Kind::timeout;
        out.detail = "neither the callout nor its host process answered within " + std::to_string(backstop_ms()) +
                     " ms; the host process was killed";
        // The host's own watchdog answers for a callout that hangs; a host
        // that does not answer at all under the emulation is the emulator's.
        if (emulated_i386()) {
            out.kind = CallOutcome::Kind::not_called;
            out.detail = "not called to the end: " + out.detail + unattributable_under_emulation;
        }
        return out;
    case HostProcess::Result::ended:
        out.kind = CallOutcome::Kind::process_ended;
        out.exception_code = host_->exit_status();
        out.detail = "the host process ended during the call (" + host_->how_it_ended() + ")";
        // A DLL thread may have killed it between calls; its handler says how.
        if (std::string finding = host_->last_finding(); !finding.empty()) {
            out.detail += ": " + finding;
        } else if (emulated_i386()) {
            out.kind = CallOutcome::Kind::not_called;
            out.detail = "not called to the end: " + out.detail + unattributable_under_emulation;
        }
        out.detail = with_last_output(std::move(out.detail));
        gone_ = "the host process ended during an earlier callout";
        return out;
    }
    out = get_outcome(reply.at("outcome"));
    if (reentry_ && reply.contains("reentry"))
        for (const auto& v : reply["reentry"])
            reentry_->add({v.at("function").get<std::string>(), v.at("callout").get<std::string>()});
    // [out] and [in,out] arguments come back in place.
    const auto& back = reply.at("out");
    for (std::size_t i = 0; i < args.size() && i < params.size() && i < back.size(); ++i) {
        if (!param_is_output(params[i], callout.id) || !back[i].is_binary()) continue;
        const auto& bytes = back[i].get_binary();
        if (bytes.size() == param_bytes(params[i], args[i])) std::memcpy(args[i], bytes.data(), bytes.size());
    }
    if (out.kind == CallOutcome::Kind::timeout) {
        // The host cut the call off; its DLL is unusable, so is the host.
        host_->kill();
        gone_ = "an earlier callout hung; its host process was killed";
    }
    return out;
}

}  // namespace rasconform::win32
