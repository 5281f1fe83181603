// rasconform::Server: opens the chain, hands the operations to mock::Service.
#include "rasconform/server.hpp"

#include "rasconform/utf16.hpp"
#ifdef _WIN32
#include "win32/win32_admin_dll.hpp"
#else
#include "mock/shared_object_admin_dll.hpp"
#endif

namespace rasconform {
namespace {

const Profile& profile_named(std::string_view name) {
    const Profile* p = find_profile(name);
    if (!p) throw ServerError(std::string(name) + ": unknown profile");
    return *p;
}

std::unique_ptr<AdminDllBackend> open_dll(const std::filesystem::path& path, const ServerOptions& options) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw ServerError(path.string() + ": file not found");
#ifdef _WIN32
    try {
        return std::make_unique<win32::Win32AdminDll>(path, options.callout_budget);
    } catch (const std::exception& e) {
        throw ServerError(e.what());
    }
#else
    (void)options;
    try {
        return std::make_unique<mock::SharedObjectAdminDll>(path);
    } catch (const std::exception& e) {
        throw ServerError(std::string(e.what()) +
                          " (Linux builds open Linux shared objects; a PE DLL runs in the conformance suite, "
                          "rasconform/suite.hpp, or in a Windows build)");
    }
#endif
}

}  // namespace

Server::Server(std::string_view profile, const std::vector<std::filesystem::path>& dlls, ServerOptions options)
    : profile_(&profile_named(profile)), engine_options_(options.engine) {
    for (const auto& d : dlls) {
        owned_.push_back(open_dll(d, options));
        chain_.push_back(owned_.back().get());
    }
    engine_options_.profile = profile_;
    service_ = std::make_unique<mock::Service>(chain_, engine_options_);
}

Server::Server(std::string_view profile, std::vector<AdminDllBackend*> chain, ServerOptions options)
    : chain_(std::move(chain)), profile_(&profile_named(profile)), engine_options_(options.engine) {
    engine_options_.profile = profile_;
    service_ = std::make_unique<mock::Service>(chain_, engine_options_);
}

Server::Server(std::string_view profile, std::vector<std::unique_ptr<AdminDllBackend>> chain, ServerOptions options)
    : owned_(std::move(chain)), profile_(&profile_named(profile)), engine_options_(options.engine) {
    for (auto& b : owned_) chain_.push_back(b.get());
    engine_options_.profile = profile_;
    service_ = std::make_unique<mock::Service>(chain_, engine_options_);
}

Server::~Server() {
    // The service first: its destructor may still call the DLLs (Terminate).
    service_.reset();
}

mock::StartResult Server::start() {
    if (service_->running()) return {true, {}, {}};
    return service_->start();
}

bool Server::running() const { return service_->running(); }

void Server::ensure_started() {
    if (service_->running()) return;
    mock::StartResult r = service_->start();
    if (!r.started) throw ServerError("the service did not start: " + r.reason);
}

Connection Server::connect(std::string_view user) {
    ConnectionModel m;
    m.user = to_utf16(std::string(user));
    m.interface_name = m.user;
    return connect(std::move(m));
}

Connection Server::connect(ConnectionModel model) {
    ensure_started();
    if (model.links.empty()) model.links.push_back(LinkModel{});
    mock::ConnectResult r = service_->connect(std::move(model));
    return {r.connection, r.admitted, r.refused_by};
}

std::optional<std::uint64_t> Server::add_link(const Connection& c, LinkModel link) {
    if (link.port_handle == 0 && !link.port_handle_given) link.port_handle = service_->new_handle();  // Q-27 unless given
    const std::uint64_t port = link.port_handle;
    if (!service_->add_link(c.handle, std::move(link))) return std::nullopt;
    return port;
}

void Server::drop_link(const Connection& c, std::uint64_t port) { service_->drop_link(c.handle, port); }

std::vector<std::uint64_t> Server::links(const Connection& c) const { return service_->links_of(c.handle); }

bool Server::reauthenticate(const Connection& c, winabi::RAS_QUARANTINE_STATE state,
                            winabi::FILETIME probation_deadline) {
    return service_->reauthenticate(c.handle, state, probation_deadline);
}

void Server::hang_up(const Connection& c, HangupCause cause) { service_->hang_up(c.handle, cause); }

void Server::stop() {
    if (service_->running()) service_->stop();
}

const Trace& Server::trace() const { return service_->trace(); }

const std::vector<mock::Diagnostic>& Server::diagnostics() const { return service_->diagnostics(); }

std::vector<std::string> Server::dll_names() const {
    std::vector<std::string> names;
    for (const AdminDllBackend* b : chain_) names.push_back(b->name());
    return names;
}

std::vector<TraceViolation> Server::check_engine() const {
    TraceExpectations expect;
    expect.profile = profile_;
    expect.registry_order = dll_names();
    expect.ask_every_dll = engine_options_.ask_every_dll;
    expect.hangup_after_reject = engine_options_.hangup_after_reject;
    return check_trace(service_->trace(), expect);
}

const Profile& Server::profile() const { return *profile_; }

mock::Service& Server::service() { return *service_; }

}  // namespace rasconform
