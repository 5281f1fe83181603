// The scenario file of one fuzz trial (rasconform/fuzz_inputs.hpp): every
// field of the connection that differs from what the scenario parser would
// give it by default is written out, so that `rasconform simulate` hands
// the DLL the same structures the trial did (the round trip is unit-tested).
#include <cstdio>
#include <string_view>

#include "rasconform/fuzz_inputs.hpp"
#include "rasconform/scenario.hpp"
#include "rasconform/utf16.hpp"
#include "scenario_counters.hpp"

namespace rasconform {
namespace {

// A TOML basic string: UTF-8, quotes, backslashes and control characters escaped.
std::string toml_string(const std::u16string& s) {
    std::string out = "\"";
    for (char ch : to_utf8(s)) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '"')
            out += "\\\"";
        else if (ch == '\\')
            out += "\\\\";
        else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", c);
            out += buf;
        } else
            out += ch;
    }
    return out + "\"";
}

std::string toml_string(std::string_view s) { return toml_string(to_utf16(std::string(s))); }

std::string dotted4(const std::array<std::uint8_t, 4>& a) {
    return std::to_string(a[0]) + "." + std::to_string(a[1]) + "." + std::to_string(a[2]) + "." + std::to_string(a[3]);
}

std::string groups(const std::array<std::uint8_t, 8>& b) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%x:%x:%x:%x", b[0] << 8 | b[1], b[2] << 8 | b[3], b[4] << 8 | b[5],
                  b[6] << 8 | b[7]);
    return buf;
}

std::string guid_text(const winabi::GUID& g) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", static_cast<unsigned>(g.Data1),
                  g.Data2, g.Data3, g.Data4[0], g.Data4[1], g.Data4[2], g.Data4[3], g.Data4[4], g.Data4[5], g.Data4[6],
                  g.Data4[7]);
    return buf;
}

std::string handle_text(std::uint64_t h) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%016llX", static_cast<unsigned long long>(h));
    return buf;
}

bool same_guid(const winabi::GUID& a, const winabi::GUID& b) {
    if (a.Data1 != b.Data1 || a.Data2 != b.Data2 || a.Data3 != b.Data3) return false;
    for (int i = 0; i < 8; ++i)
        if (a.Data4[i] != b.Data4[i]) return false;
    return true;
}

class Writer {
public:
    void line(const std::string& s) { out_ += s + "\n"; }
    template <class T>
    void number_if(std::string_view key, T value, T ordinary) {
        if (value != ordinary) line(std::string(key) + " = " + std::to_string(value));
    }
    void text_if(const char* key, const std::u16string& value, const std::u16string& ordinary) {
        if (value != ordinary) line(std::string(key) + " = " + toml_string(value));
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

}  // namespace

std::string fuzz_trial_toml(const ConnectionModel& m, const std::string& name, const std::string& description,
                            const std::vector<std::string>& comment) {
    const ConnectionModel o;  // the parser's defaults are the ordinary connection's
    const LinkModel ol;
    const LinkModel& l = m.links.front();
    Writer w;
    for (const std::string& c : comment) w.line("# " + c);
    w.line("name = " + toml_string(name));
    w.line("description = " + toml_string(description));
    w.line("");
    w.line("[[connection]]");
    w.line("id = \"fuzzed\"");
    w.line("user = " + toml_string(m.user));
    // The parser names the interface after the user unless told otherwise.
    w.text_if("interface_name", m.interface_name, m.user);
    w.text_if("domain", m.domain, o.domain);
    w.text_if("remote_computer", m.remote_computer, o.remote_computer);
    if (m.tunnel != o.tunnel) w.line("tunnel = " + toml_string(scenario_spelling(m.tunnel)));
    if (m.interface_type != o.interface_type)
        w.line("interface_type = " + toml_string(scenario_spelling(m.interface_type)));
    w.number_if("flags", m.extra_flags, o.extra_flags);
    if (m.quarantine != o.quarantine) w.line("quarantine = " + toml_string(scenario_spelling(m.quarantine)));
    if (m.quarantine == winabi::RAS_QUAR_STATE_PROBATION)  // else the player picks one
        w.line("probation_deadline = " + std::to_string(std::uint64_t{m.probation_deadline.dwHighDateTime} << 32 |
                                                        m.probation_deadline.dwLowDateTime));
    for (const auto& [key, member] : scenario_keys::connection_counters) w.number_if(key, m.*member, o.*member);
    if (m.guid_given || !same_guid(m.guid, o.guid)) w.line("guid = " + toml_string(guid_text(m.guid)));
    if (m.client_ipv4 != o.client_ipv4) w.line("client_ipv4 = " + toml_string(dotted4(m.client_ipv4)));
    if (m.server_ipv4 != o.server_ipv4) w.line("server_ipv4 = " + toml_string(dotted4(m.server_ipv4)));
    if (m.ipv6_prefix != o.ipv6_prefix) w.line("ipv6_prefix = " + toml_string(groups(m.ipv6_prefix)));
    w.number_if("ipv6_prefix_length", m.ipv6_prefix_length, o.ipv6_prefix_length);
    if (m.client_interface_id != o.client_interface_id)
        w.line("client_interface_id = " + toml_string(groups(m.client_interface_id)));
    if (m.server_interface_id != o.server_interface_id)
        w.line("server_interface_id = " + toml_string(groups(m.server_interface_id)));
    w.text_if("remote_endpoint", m.remote_endpoint, o.remote_endpoint);
    w.text_if("local_endpoint", m.local_endpoint, o.local_endpoint);
    // ROBUST-6 handles; left out, the engine assigns them.
    if (m.handle_given) w.line("handle = " + toml_string(handle_text(m.handle)));
    if (m.interface_handle_given) w.line("interface_handle = " + toml_string(handle_text(m.interface_handle)));
    w.line("port_names = [" + toml_string(l.port_name) + "]");
    if (l.port_handle_given) w.line("port_handles = [" + toml_string(handle_text(l.port_handle)) + "]");
    // Port fields hold for every link of the connection, add-link's too.
    Writer port;
    port.text_if("media_name", l.media_name, ol.media_name);
    port.text_if("device_name", l.device_name, default_device_name(m.tunnel));
    port.text_if("device_type", l.device_type, ol.device_type);
    if (l.condition != ol.condition) port.line("condition = " + toml_string(scenario_spelling(l.condition)));
    if (l.hardware != ol.hardware) port.line("hardware = " + toml_string(scenario_spelling(l.hardware)));
    for (const auto& [key, member] : scenario_keys::port_counters) port.number_if(key, l.*member, ol.*member);
    if (std::string p = port.take(); !p.empty()) {
        w.line("");
        w.line("[connection.port]");
        w.line(p.substr(0, p.size() - 1));
    }

    // The trial: connect, a second link, back to normal when in another
    // NAP state, hang-up (rasconform/fuzz_inputs.hpp).
    auto step = [&w](const std::string& action, const std::vector<std::string>& extra) {
        w.line("");
        w.line("[[step]]");
        w.line("action = " + toml_string(action));
        w.line("connection = \"fuzzed\"");
        for (const std::string& e : extra) w.line(e);
    };
    step("connect", {});
    step("add-link", {"port_name = " + toml_string(fuzz_second_link(m).port_name)});
    if (m.quarantine != winabi::RAS_QUAR_STATE_NORMAL) step("reauthenticate", {"quarantine = \"normal\""});
    step("hang-up", {});
    return w.take();
}

}  // namespace rasconform
