// Scenario files: TOML in, rasconform::Scenario out (rasconform/scenario.hpp).
// examples/scenarios/README.md is the short user-facing version of this.
//
// Format (TOML 1.0, UTF-8). Every key is listed here; any other key is an
// error, so a typo is reported instead of silently taking a default.
//
//   name = "multilink-bundle"    # optional; default: file name without extension
//   description = "..."          # optional
//
//   [[connection]]               # zero or more
//   id = "alice"                 # required, unique; what steps name
//   user = "alice"               # required; <= 256 UTF-16 units (UNLEN);
//                                #   also the interface name, as for any
//                                #   remote-access client
//   domain = "CONTOSO"           # default "CONTOSO"; <= 15 units (DNLEN)
//   remote_computer = "ALICE-PC" # default "ALICE-PC"; <= 16 units (NETBIOS_NAME_LEN)
//   tunnel = "sstp"              # pptp | l2tp | sstp | ikev2; default sstp
//   links = 1                    # links that come up at connect, 1..64;
//                                #   default 1, or the length of port_names
//   port_names = ["VPN1-0"]      # optional, one per link, <= 16 units (MAX_PORT_NAME)
//   quarantine = "normal"        # normal | quarantine | probation | not-capable;
//                                #   default normal. A connection starting in
//                                #   probation gets its deadline from the player
//                                #   unless probation_deadline (below) sets it.
//   client_ipv4 = "10.1.2.3"     # default 10.1.2.3 for the first [[connection]],
//                                #   10.1.2.4 for the second, ...: distinct, and
//                                #   asymmetric to expose byte-order bugs (IPADDR-13)
//   interface_type = "client"    # ROUTER_INTERFACE_TYPE (spec 4.6): client |
//                                #   home-router | full-router | dedicated | internal |
//                                #   loopback | tunnel1 | dialout; default client
//   flags = 0                    # RAS_FLAGS_* bits on top of the one the tunnel
//                                #   sets (STRUCT-1), 0..4294967295; default 0
//
//   The keys below set the rest of what the callouts are handed, so that
//   any input (ROBUST-6; `rasconform fuzz` writes these) can be replayed.
//   Defaults are those of an ordinary connection (rasconform/connection.hpp).
//   interface_name = "alice"     # <= 256 units (MAX_INTERFACE_NAME_LEN); default: the user
//   probation_deadline = 0       # FILETIME of the probation deadline, 0..2^63-1;
//                                #   only with quarantine = "probation" (STRUCT-4)
//   connect_duration = 0         # seconds; these DWORDs are 0..4294967295:
//   bytes_xmited = 0             #   connection counters (added to the links',
//   bytes_rcved = 0              #   as RRAS reports a bundle)
//   frames_xmited = 0
//   frames_rcved = 0
//   compression_in = 100         # percent
//   compression_out = 100
//   switch_overs = 0             # dwNumSwitchOvers (IKEv2 only, STRUCT-10)
//   guid = "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"   # as written; default unique per connection (STRUCT-3)
//   server_ipv4 = "10.1.0.1"     # the server's side of IPCP (STRUCT-5)
//   ipv6_prefix = "2001:db8:1:2" # 64 bits as four groups of hex digits (IPV6-2)
//   ipv6_prefix_length = 64      # 0..128
//   client_interface_id = "211:22ff:fe33:4455"  # 64 bits, as above
//   server_interface_id = "2aa:bbff:fecc:dd01"
//   remote_endpoint = "203.0.113.7"   # tunnel endpoints, <= 64 units (MAXIPADRESSLEN)
//   local_endpoint = "198.51.100.1"
//   handle = "0x0"               # hConnection, hInterface and the links' hPort
//   interface_handle = "0x0"     #   as given, 0 included (ROBUST-6), instead of
//   port_handles = ["0x0"]       #   the engine's unique non-NULL ones (Q-27's
//                                #   default, used for any left out): an integer
//                                #   0..2^63-1 or a string "0x" + 1..16 hex
//                                #   digits (up to all ones); port_handles has one
//                                #   per link, like port_names, all different. A
//                                #   connection whose handle (or a port handle) is
//                                #   live already is refused when it connects.
//
//   [connection.port]            # optional: RAS_PORT_0/1 of every link of the
//                                #   connection, add-link's included
//   media_name = "rastapi"       # <= 16 units (MAX_MEDIA_NAME)
//   device_name = "..."          # <= 128 units; default "WAN Miniport (<tunnel>)"
//   device_type = "vpn"          # <= 16 units (MAX_DEVICETYPE_NAME)
//   condition = "authenticated"  # RAS_PORT_CONDITION: non-operational | disconnected |
//                                #   calling-back | listening | authenticating |
//                                #   authenticated | initializing
//   hardware = "operational"     # operational | failure
//   total_calls = 1              # DWORDs, 0..4294967295
//   connect_duration = 0
//   line_speed = 100000000
//   bytes_xmited = 0
//   bytes_rcved = 0
//   frames_xmited = 0
//   frames_rcved = 0
//   compression_in = 100
//   compression_out = 100
//
//   [[step]]                     # zero or more
//   at_ms = 0                    # 0..4294967295; default: the at_ms of the
//                                #   previous [[step]] in the file (first: 0)
//   action = "connect"           # required, see below
//   connection = "alice"         # required, except for restart-service (not allowed there)
//
//   action            extra keys, meaning
//   connect           -; the connection's links come up: accept, first link,
//                     further links (ORDER-7, ORDER-3, ORDER-4)
//   add-link          port_name, port_handle (optional, a handle as above:
//                     hPort as given, else the engine's); one more link
//                     joins (ORDER-4)
//   drop-link         link = N (required): the N-th, 0-based, of the links up
//                     at that moment in the order they joined goes down
//                     (ORDER-5). Dropping the only link left ends the
//                     connection (ORDER-6).
//   reauthenticate    quarantine (required), a state other than the current
//                     one (REAUTH-1); probation_seconds = N, required with
//                     "probation" and allowed only there: deadline = step
//                     time + N seconds (REAUTH-4, STRUCT-4)
//   hang-up           cause = user | idle | admin | link-failure |
//                     service-stop (default user). service-stop stops the
//                     service with the connection up, which ends every live
//                     connection, like restart-service (TERM-4, Q-7).
//   restart-service   -; live connections are torn down, Terminate, Init
//
// Time order: steps may be written out of time order. They are played
// sorted by at_ms, ties in file order (a stable sort), and every sequence
// check below is made in that played order, because that is the order the
// DLL will see. This lets a file group the steps of each connection.
//
// Sequence checks: a connection connects once (its model is one connection;
// handles are never reused, Q-27); every other step for it comes after its
// connect and before it ends (ORDER-9 for reauthentication); once ended
// (hang-up, last link dropped, restart-service, service-stop) no step may
// name it again. A connection holds at most 64 links at any time.
//
// Port names: a link without an explicit name gets the next "VPN1-<n>" that
// is neither named explicitly anywhere in the file nor already used, counted
// server-wide in play order; so no two links share a port, as on a real
// server. An explicit name must not belong to a link that is up.
//
// What the DLL answers is not known here: a connection the DLL refuses is
// the player's business (mock/scenario_player.cpp), the file is checked as
// written.
//
// Errors are one line, "FILE:LINE: what is wrong" (TOML syntax errors carry
// toml++'s description); a file that cannot be read gives "FILE: cannot
// read: reason". Nothing throws out of load_scenario or parse_scenario.
#include "rasconform/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include <toml++/toml.h>

#include "rasconform/utf16.hpp"
#include "scenario_counters.hpp"

namespace rasconform {
namespace {

// A problem in the file. Thrown only inside this file; parse_scenario turns
// it into the one-line message.
struct Invalid {
    std::uint32_t line;
    std::string what;
};

[[noreturn]] void fail(std::uint32_t line, std::string what) { throw Invalid{line, std::move(what)}; }

std::uint32_t line_of(const toml::node& n) { return n.source().begin.line; }

// User text in a message: quoted, so empty strings and blanks are visible.
std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The message must stay one line whatever the file or its name contains.
std::string one_line(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else out += ch;
    }
    return out;
}

std::string_view type_name(toml::node_type t) {
    switch (t) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
    }
    return "nothing";
}

template <class E>
struct Spelling {
    std::string_view text;
    E value;
};

constexpr Spelling<ScenarioStep::Action> action_spellings[] = {
    {"connect", ScenarioStep::Action::connect},
    {"add-link", ScenarioStep::Action::add_link},
    {"drop-link", ScenarioStep::Action::drop_link},
    {"reauthenticate", ScenarioStep::Action::reauthenticate},
    {"hang-up", ScenarioStep::Action::hang_up},
    {"restart-service", ScenarioStep::Action::restart_service},
};
constexpr Spelling<HangupCause> cause_spellings[] = {
    {"user", HangupCause::user},
    {"idle", HangupCause::idle},
    {"admin", HangupCause::admin},
    {"link-failure", HangupCause::link_failure},
    {"service-stop", HangupCause::service_stop},
};
constexpr Spelling<TunnelType> tunnel_spellings[] = {
    {"pptp", TunnelType::pptp},
    {"l2tp", TunnelType::l2tp},
    {"sstp", TunnelType::sstp},
    {"ikev2", TunnelType::ikev2},
};
constexpr Spelling<winabi::ROUTER_INTERFACE_TYPE> interface_type_spellings[] = {
    {"client", winabi::ROUTER_IF_TYPE_CLIENT},
    {"home-router", winabi::ROUTER_IF_TYPE_HOME_ROUTER},
    {"full-router", winabi::ROUTER_IF_TYPE_FULL_ROUTER},
    {"dedicated", winabi::ROUTER_IF_TYPE_DEDICATED},
    {"internal", winabi::ROUTER_IF_TYPE_INTERNAL},
    {"loopback", winabi::ROUTER_IF_TYPE_LOOPBACK},
    {"tunnel1", winabi::ROUTER_IF_TYPE_TUNNEL1},
    {"dialout", winabi::ROUTER_IF_TYPE_DIALOUT},
};
constexpr Spelling<winabi::RAS_QUARANTINE_STATE> quarantine_spellings[] = {
    {"normal", winabi::RAS_QUAR_STATE_NORMAL},
    {"quarantine", winabi::RAS_QUAR_STATE_QUARANTINE},
    {"probation", winabi::RAS_QUAR_STATE_PROBATION},
    {"not-capable", winabi::RAS_QUAR_STATE_NOT_CAPABLE},
};

constexpr Spelling<winabi::RAS_PORT_CONDITION> condition_spellings[] = {
    {"non-operational", winabi::RAS_PORT_NON_OPERATIONAL},
    {"disconnected", winabi::RAS_PORT_DISCONNECTED},
    {"calling-back", winabi::RAS_PORT_CALLING_BACK},
    {"listening", winabi::RAS_PORT_LISTENING},
    {"authenticating", winabi::RAS_PORT_AUTHENTICATING},
    {"authenticated", winabi::RAS_PORT_AUTHENTICATED},
    {"initializing", winabi::RAS_PORT_INITIALIZING},
};
constexpr Spelling<winabi::RAS_HARDWARE_CONDITION> hardware_spellings[] = {
    {"operational", winabi::RAS_HARDWARE_OPERATIONAL},
    {"failure", winabi::RAS_HARDWARE_FAILURE},
};

template <class E, std::size_t N>
std::string_view spelling_of(const Spelling<E> (&table)[N], E value) {
    for (const auto& s : table)
        if (s.value == value) return s.text;
    return "?";
}

std::string_view spelling(winabi::RAS_QUARANTINE_STATE q) { return spelling_of(quarantine_spellings, q); }

template <class E, std::size_t N>
std::string spelling_list(const Spelling<E> (&table)[N]) {
    std::string out;
    for (const auto& s : table) out += (out.empty() ? "" : ", ") + in_quotes(s.text);
    return out;
}

std::string join(const std::vector<std::string_view>& keys) {
    std::string out;
    for (std::string_view k : keys) out += (out.empty() ? "" : ", ") + std::string(k);
    return out;
}

// What a device of each tunnel type is called on a Windows server, so the
// RAS_PORT_0 of a link agrees with the connection's tunnel.
std::u16string tunnel_device_name(TunnelType t) {
    switch (t) {
    case TunnelType::pptp: return u"WAN Miniport (PPTP)";
    case TunnelType::l2tp: return u"WAN Miniport (L2TP)";
    case TunnelType::sstp: return u"WAN Miniport (SSTP)";
    case TunnelType::ikev2: return u"WAN Miniport (IKEv2)";
    }
    return u"WAN Miniport";
}

// Typed access to one table of the file ([[connection]], [[step]] or the
// root) and the checks every key gets.
class Fields {
public:
    Fields(const toml::table& t, std::string_view what) : t_(t), what_(what) {}

    std::uint32_t line() const { return line_of(t_); }
    const toml::node* find(std::string_view key) const { return t_.get(key); }

    // Reports the first key (by line) not in `allowed`. `elsewhere` holds
    // keys that belong to other variants of the table (other actions), which
    // get a more helpful message than "unknown".
    void only(const std::vector<std::string_view>& allowed, std::string_view variant = {},
              const std::vector<std::string_view>& elsewhere = {}) const {
        const toml::key* worst = nullptr;
        for (auto&& [k, v] : t_) {
            (void)v;
            if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
            if (!worst || key_line(k) < key_line(*worst)) worst = &k;
        }
        if (!worst) return;
        std::string name(worst->str());
        if (std::find(elsewhere.begin(), elsewhere.end(), worst->str()) != elsewhere.end())
            fail(key_line(*worst), "key '" + name + "' does not apply to action " + in_quotes(variant) +
                                       " (allowed: " + join(allowed) + ")");
        fail(key_line(*worst), "unknown key '" + name + "' in " + what_ + " (allowed" +
                                   (variant.empty() ? std::string() : " for action " + in_quotes(variant)) + ": " +
                                   join(allowed) + ")");
    }

    const toml::node& require(std::string_view key) const {
        const toml::node* n = find(key);
        if (!n) fail(line(), what_ + " lacks the required key '" + std::string(key) + "'");
        return *n;
    }

    std::optional<std::string> string(std::string_view key) const {
        const toml::node* n = find(key);
        if (!n) return std::nullopt;
        return as_string(*n, key);
    }
    std::optional<std::int64_t> integer(std::string_view key) const {
        const toml::node* n = find(key);
        if (!n) return std::nullopt;
        return as_integer(*n, key);
    }

    // A string or integer value as written (for messages).
    static std::string as_text(const toml::node& n) {
        if (const auto* s = n.as_string()) return s->get();
        if (const auto* i = n.as_integer()) return std::to_string(i->get());
        return std::string(type_name(n.type()));
    }
    static std::string as_string(const toml::node& n, std::string_view key) {
        const auto* s = n.as_string();
        if (!s) wrong_type(n, key, "a string");
        return s->get();
    }
    static std::int64_t as_integer(const toml::node& n, std::string_view key) {
        const auto* i = n.as_integer();
        if (!i) wrong_type(n, key, "an integer");
        return i->get();
    }
    [[noreturn]] static void wrong_type(const toml::node& n, std::string_view key, std::string_view wanted) {
        fail(line_of(n), "'" + std::string(key) + "' must be " + std::string(wanted) + ", not " +
                             std::string(type_name(n.type())));
    }

    template <class E, std::size_t N>
    std::optional<E> choice(std::string_view key, const Spelling<E> (&table)[N]) const {
        const toml::node* n = find(key);
        if (!n) return std::nullopt;
        std::string s = as_string(*n, key);
        for (const auto& sp : table)
            if (sp.text == s) return sp.value;
        fail(line_of(*n), "unknown " + std::string(key) + " " + in_quotes(s) + " (expected one of " +
                              spelling_list(table) + ")");
    }

    // An integer key within [lo, hi]; the range is what the data model (or
    // the spec) can hold, said in the message.
    std::optional<std::int64_t> integer_in(std::string_view key, std::int64_t lo, std::int64_t hi) const {
        const toml::node* n = find(key);
        if (!n) return std::nullopt;
        std::int64_t v = as_integer(*n, key);
        if (v < lo && lo == 0)
            fail(line_of(*n), std::string(key) + " = " + std::to_string(v) + " is negative");
        if (v < lo || v > hi)
            fail(line_of(*n), std::string(key) + " = " + std::to_string(v) + " is out of range " +
                                  std::to_string(lo) + ".." + std::to_string(hi));
        return v;
    }

private:
    static std::uint32_t key_line(const toml::key& k) { return k.source().begin.line; }

    const toml::table& t_;
    std::string what_;
};

// A string that becomes a WCHAR array member (STRUCT-16): UTF-8 in the file,
// UTF-16 in the structures, and short enough that the DLL sees it whole
// instead of silently truncated.
std::u16string wide(const toml::node& n, std::string_view key, std::size_t max_units, std::string_view limit) {
    std::string s = Fields::as_string(n, key);
    if (s.find('\0') != std::string::npos)
        fail(line_of(n), std::string(key) + " contains U+0000, which would end the WCHAR string early");
    std::u16string w = to_utf16(s);
    if (w.size() > max_units)
        fail(line_of(n), std::string(key) + " is " + std::to_string(w.size()) + " UTF-16 units long; at most " +
                             std::to_string(max_units) + " (" + std::string(limit) + ")");
    return w;
}

// "a.b.c.d", four decimal octets; stored as it sits in memory, a first
// (IPADDR-13, Q-11).
std::array<std::uint8_t, 4> ipv4(const toml::node& n, std::string_view key) {
    std::string s = Fields::as_string(n, key);
    std::array<std::uint8_t, 4> out{};
    std::size_t pos = 0;
    for (int i = 0; i < 4; ++i) {
        std::size_t digits = 0;
        unsigned value = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && digits < 4) {
            value = value * 10 + static_cast<unsigned>(s[pos] - '0');
            ++pos;
            ++digits;
        }
        bool dot_ok = i == 3 ? pos == s.size() : (pos < s.size() && s[pos] == '.');
        if (digits == 0 || digits > 3 || value > 255 || !dot_ok)
            fail(line_of(n), std::string(key) + " " + in_quotes(s) + " is not an IPv4 address a.b.c.d");
        out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value);
        if (i < 3) ++pos;
    }
    return out;
}

// 64 bits of an IPv6 address (a prefix or an interface identifier) as
// four groups of hex digits, "2001:db8:1:2"; the first byte is the first
// in memory (IPV6-2).
std::array<std::uint8_t, 8> groups64(const toml::node& n, std::string_view key) {
    std::string s = Fields::as_string(n, key);
    std::array<std::uint8_t, 8> out{};
    std::size_t pos = 0;
    for (int g = 0; g < 4; ++g) {
        std::size_t digits = 0;
        unsigned value = 0;
        while (pos < s.size() && std::isxdigit(static_cast<unsigned char>(s[pos])) && digits < 5) {
            const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[pos])));
            value = value * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : c - 'a' + 10);
            ++pos;
            ++digits;
        }
        const bool sep_ok = g == 3 ? pos == s.size() : (pos < s.size() && s[pos] == ':');
        if (digits == 0 || digits > 4 || !sep_ok)
            fail(line_of(n), std::string(key) + " " + in_quotes(s) +
                                 " is not 64 bits written as four groups of hex digits h:h:h:h");
        out[static_cast<std::size_t>(2 * g)] = static_cast<std::uint8_t>(value >> 8);
        out[static_cast<std::size_t>(2 * g + 1)] = static_cast<std::uint8_t>(value);
        if (g < 3) ++pos;
    }
    return out;
}

// A HANDLE: an integer (TOML's are signed 64-bit) or "0x" and up to 16 hex
// digits, which reaches all ones (INVALID_HANDLE_VALUE on x64).
std::uint64_t handle_value(const toml::node& n, std::string_view key) {
    if (n.is_integer()) {
        const std::int64_t v = Fields::as_integer(n, key);
        if (v < 0) fail(line_of(n), std::string(key) + " = " + std::to_string(v) + " is negative");
        return static_cast<std::uint64_t>(v);
    }
    if (!n.is_string()) Fields::wrong_type(n, key, "an integer or a string \"0x...\"");
    const std::string s = Fields::as_string(n, key);
    const bool hex = s.size() > 2 && s.size() <= 18 && (s.rfind("0x", 0) == 0 || s.rfind("0X", 0) == 0) &&
                     std::all_of(s.begin() + 2, s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    if (!hex) fail(line_of(n), std::string(key) + " " + in_quotes(s) + " is not a handle \"0x\" + 1..16 hex digits");
    return std::stoull(s.substr(2), nullptr, 16);
}

// "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX", hex digits, no braces.
winabi::GUID guid(const toml::node& n, std::string_view key) {
    std::string s = Fields::as_string(n, key);
    static constexpr std::size_t dashes[] = {8, 13, 18, 23};
    bool ok = s.size() == 36;
    std::string hex;
    for (std::size_t i = 0; ok && i < s.size(); ++i) {
        const bool dash = std::find(std::begin(dashes), std::end(dashes), i) != std::end(dashes);
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) ok = false;
        if (!dash) hex += s[i];
    }
    if (!ok)
        fail(line_of(n), std::string(key) + " " + in_quotes(s) +
                             " is not a GUID XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX (hex digits)");
    auto part = [&hex](std::size_t at, std::size_t len) { return std::stoull(hex.substr(at, len), nullptr, 16); };
    winabi::GUID g{};
    g.Data1 = static_cast<std::uint32_t>(part(0, 8));
    g.Data2 = static_cast<std::uint16_t>(part(8, 4));
    g.Data3 = static_cast<std::uint16_t>(part(12, 4));
    for (std::size_t i = 0; i < 8; ++i) g.Data4[i] = static_cast<std::uint8_t>(part(16 + 2 * i, 2));
    return g;
}

std::string default_name(const std::string& source_name) {
    std::size_t slash = source_name.find_last_of("/\\");
    std::string base = slash == std::string::npos ? source_name : source_name.substr(slash + 1);
    std::size_t dot = base.rfind('.');
    if (dot != std::string::npos && dot > 0) base.resize(dot);
    return base;
}

// The array of tables under `key` ([[connection]], [[step]]); inline tables
// in an array are the same thing to TOML, so they are accepted too.
std::vector<const toml::table*> tables_of(const toml::table& root, std::string_view key) {
    std::vector<const toml::table*> out;
    const toml::node* n = root.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a)
        fail(line_of(*n), "'" + std::string(key) + "' must be an array of tables ([[" + std::string(key) +
                              "]]), not " + std::string(type_name(n->type())));
    for (const toml::node& e : *a) {
        const toml::table* t = e.as_table();
        if (!t)
            fail(line_of(e), "each '" + std::string(key) + "' must be a table, not " +
                                 std::string(type_name(e.type())));
        out.push_back(t);
    }
    return out;
}

// A [[connection]] as read, before the links get port names (those depend
// on the order the steps play in).
struct ConnectionDraft {
    ScenarioConnection c;
    LinkModel port;                  // [connection.port]: every link of the connection
    bool device_name_given = false;  // else the tunnel's device name
    std::size_t links = 1;
    std::vector<std::u16string> port_names;  // empty, or one per link
    std::uint32_t port_names_line = 0;
    std::vector<std::uint64_t> port_handles;  // empty, or one per link (ROBUST-6)
};

struct StepDraft {
    ScenarioStep s;
    std::optional<std::u16string> port_name;  // add-link
    std::uint32_t port_name_line = 0;
    std::optional<std::uint64_t> port_handle;  // add-link (ROBUST-6)
};

constexpr std::int64_t max_links = 64;
constexpr std::int64_t max_u32 = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t max_i64 = std::numeric_limits<std::int64_t>::max();  // also the largest FILETIME

// [connection.port]: what every link of the connection shows in RAS_PORT_0/1.
void read_port(const toml::node& n, ConnectionDraft& d) {
    const toml::table* t = n.as_table();
    if (!t) Fields::wrong_type(n, "port", "a table ([connection.port])");
    Fields f(*t, "[connection.port]");
    f.only({"media_name", "device_name", "device_type", "condition", "hardware", "total_calls", "connect_duration",
            "line_speed", "bytes_xmited", "bytes_rcved", "frames_xmited", "frames_rcved", "compression_in",
            "compression_out"});
    LinkModel& l = d.port;
    if (const toml::node* x = f.find("media_name"))
        l.media_name = wide(*x, "media_name", winabi::MAX_MEDIA_NAME, "MAX_MEDIA_NAME");
    if (const toml::node* x = f.find("device_name")) {
        l.device_name = wide(*x, "device_name", winabi::MAX_DEVICE_NAME, "MAX_DEVICE_NAME");
        d.device_name_given = true;
    }
    if (const toml::node* x = f.find("device_type"))
        l.device_type = wide(*x, "device_type", winabi::MAX_DEVICETYPE_NAME, "MAX_DEVICETYPE_NAME");
    if (auto v = f.choice("condition", condition_spellings)) l.condition = *v;
    if (auto v = f.choice("hardware", hardware_spellings)) l.hardware = *v;
    for (const auto& [key, member] : scenario_keys::port_counters)
        if (auto v = f.integer_in(key, 0, max_u32)) l.*member = static_cast<std::uint32_t>(*v);
}

ConnectionDraft read_connection(const toml::table& t, std::size_t index) {
    Fields f(t, "[[connection]]");
    f.only({"id", "user", "interface_name", "domain", "remote_computer", "tunnel", "links", "port_names",
            "quarantine", "probation_deadline", "client_ipv4", "server_ipv4", "interface_type", "flags",
            "connect_duration", "bytes_xmited", "bytes_rcved", "frames_xmited", "frames_rcved", "compression_in",
            "compression_out", "switch_overs", "guid", "ipv6_prefix", "ipv6_prefix_length", "client_interface_id",
            "server_interface_id", "remote_endpoint", "local_endpoint", "handle", "interface_handle", "port_handles",
            "port"});
    ConnectionDraft d;
    d.c.line = static_cast<int>(f.line());
    ConnectionModel& m = d.c.model;

    d.c.id = Fields::as_string(f.require("id"), "id");
    if (d.c.id.empty()) fail(line_of(f.require("id")), "id must not be empty");
    m.user = wide(f.require("user"), "user", winabi::UNLEN, "UNLEN");
    m.interface_name = m.user;  // a remote-access client's interface is named after its user
    if (const toml::node* n = f.find("domain")) m.domain = wide(*n, "domain", winabi::DNLEN, "DNLEN");
    if (const toml::node* n = f.find("remote_computer"))
        m.remote_computer = wide(*n, "remote_computer", winabi::NETBIOS_NAME_LEN, "NETBIOS_NAME_LEN");
    if (auto v = f.choice("tunnel", tunnel_spellings)) m.tunnel = *v;
    if (auto v = f.choice("quarantine", quarantine_spellings)) m.quarantine = *v;
    if (auto v = f.choice("interface_type", interface_type_spellings)) m.interface_type = *v;
    if (auto v = f.integer_in("flags", 0, max_u32)) m.extra_flags = static_cast<std::uint32_t>(*v);
    if (const toml::node* n = f.find("interface_name"))
        m.interface_name = wide(*n, "interface_name", winabi::MAX_INTERFACE_NAME_LEN, "MAX_INTERFACE_NAME_LEN");
    if (const toml::node* n = f.find("probation_deadline")) {
        // STRUCT-4: the deadline means something only in probation.
        if (m.quarantine != winabi::RAS_QUAR_STATE_PROBATION)
            fail(line_of(*n), "probation_deadline applies only with quarantine = \"probation\" (STRUCT-4)");
        const auto t = static_cast<std::uint64_t>(*f.integer_in("probation_deadline", 0, max_i64));
        m.probation_deadline = {static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(t >> 32)};
        d.c.probation_deadline_given = true;
    }
    for (const auto& [key, member] : scenario_keys::connection_counters)
        if (auto v = f.integer_in(key, 0, max_u32)) m.*member = static_cast<std::uint32_t>(*v);
    if (const toml::node* n = f.find("guid")) {
        m.guid = guid(*n, "guid");
        m.guid_given = true;
    }
    if (const toml::node* n = f.find("server_ipv4")) m.server_ipv4 = ipv4(*n, "server_ipv4");
    if (const toml::node* n = f.find("ipv6_prefix")) m.ipv6_prefix = groups64(*n, "ipv6_prefix");
    if (auto v = f.integer_in("ipv6_prefix_length", 0, 128)) m.ipv6_prefix_length = static_cast<std::uint32_t>(*v);
    if (const toml::node* n = f.find("client_interface_id"))
        m.client_interface_id = groups64(*n, "client_interface_id");
    if (const toml::node* n = f.find("server_interface_id"))
        m.server_interface_id = groups64(*n, "server_interface_id");
    if (const toml::node* n = f.find("remote_endpoint"))
        m.remote_endpoint = wide(*n, "remote_endpoint", winabi::MAXIPADRESSLEN, "MAXIPADRESSLEN");
    if (const toml::node* n = f.find("local_endpoint"))
        m.local_endpoint = wide(*n, "local_endpoint", winabi::MAXIPADRESSLEN, "MAXIPADRESSLEN");
    if (const toml::node* n = f.find("port")) read_port(*n, d);
    if (const toml::node* n = f.find("handle")) {
        m.handle = handle_value(*n, "handle");
        m.handle_given = true;
    }
    if (const toml::node* n = f.find("interface_handle")) {
        m.interface_handle = handle_value(*n, "interface_handle");
        m.interface_handle_given = true;
    }

    if (const toml::node* n = f.find("client_ipv4")) {
        m.client_ipv4 = ipv4(*n, "client_ipv4");
    } else {
        // Distinct per connection, as RRAS never hands one address to two
        // live clients; a DLL keying on the address must see that.
        std::uint32_t a = 0x0A010203u + static_cast<std::uint32_t>(index);
        m.client_ipv4 = {static_cast<std::uint8_t>(a >> 24), static_cast<std::uint8_t>(a >> 16),
                         static_cast<std::uint8_t>(a >> 8), static_cast<std::uint8_t>(a)};
    }

    if (const toml::node* n = f.find("port_names")) {
        const toml::array* a = n->as_array();
        if (!a) Fields::wrong_type(*n, "port_names", "an array of strings");
        d.port_names_line = line_of(*n);
        for (const toml::node& e : *a) {
            std::u16string p = wide(e, "port_names", winabi::MAX_PORT_NAME, "MAX_PORT_NAME");
            if (p.empty()) fail(line_of(e), "port_names holds an empty name");
            if (std::find(d.port_names.begin(), d.port_names.end(), p) != d.port_names.end())
                fail(line_of(e), "port_names names port " + in_quotes(to_utf8(p)) + " twice");
            d.port_names.push_back(std::move(p));
        }
    }
    std::uint32_t port_handles_line = 0;
    if (const toml::node* n = f.find("port_handles")) {
        const toml::array* a = n->as_array();
        if (!a) Fields::wrong_type(*n, "port_handles", "an array of handles");
        port_handles_line = line_of(*n);
        for (const toml::node& e : *a) {
            const std::uint64_t h = handle_value(e, "port_handles");
            // hPort names one port: two links on one handle would be one link to the DLL.
            if (std::find(d.port_handles.begin(), d.port_handles.end(), h) != d.port_handles.end())
                fail(line_of(e), "port_handles holds handle " + in_quotes(Fields::as_text(e)) + " twice");
            d.port_handles.push_back(h);
        }
        if (d.port_handles.empty()) fail(port_handles_line, "port_handles is empty; leave it out for engine handles");
    }
    if (auto v = f.integer_in("links", 1, max_links)) {
        d.links = static_cast<std::size_t>(*v);
        if (!d.port_names.empty() && d.port_names.size() != d.links)
            fail(d.port_names_line, "port_names has " + std::to_string(d.port_names.size()) + " names for links = " +
                                        std::to_string(d.links));
    } else if (!d.port_names.empty()) {
        if (d.port_names.size() > static_cast<std::size_t>(max_links))
            fail(d.port_names_line, "port_names has " + std::to_string(d.port_names.size()) +
                                        " names; a connection has at most " + std::to_string(max_links) + " links");
        d.links = d.port_names.size();
    } else if (f.find("port_names")) {
        fail(d.port_names_line, "port_names is empty; a connection has at least one link");
    }
    if (!d.port_handles.empty() && d.port_handles.size() != d.links)
        fail(port_handles_line, "port_handles has " + std::to_string(d.port_handles.size()) + " handles for " +
                                    std::to_string(d.links) + (d.links == 1 ? " link" : " links"));
    return d;
}

StepDraft read_step(const toml::table& t, std::uint32_t default_at_ms) {
    using A = ScenarioStep::Action;
    Fields f(t, "[[step]]");
    StepDraft d;
    ScenarioStep& s = d.s;
    s.line = static_cast<int>(f.line());

    // The action decides which keys are allowed, so it is read first.
    f.require("action");
    s.action = *f.choice("action", action_spellings);
    std::string_view name = to_string(s.action);

    std::vector<std::string_view> allowed{"at_ms", "action"};
    if (s.action != A::restart_service) allowed.push_back("connection");
    switch (s.action) {
    case A::add_link: allowed.insert(allowed.end(), {"port_name", "port_handle"}); break;
    case A::drop_link: allowed.push_back("link"); break;
    case A::reauthenticate: allowed.insert(allowed.end(), {"quarantine", "probation_seconds"}); break;
    case A::hang_up: allowed.push_back("cause"); break;
    case A::connect:
    case A::restart_service: break;
    }
    f.only(allowed, name,
           {"connection", "port_name", "port_handle", "link", "quarantine", "probation_seconds", "cause"});

    s.at_ms = static_cast<std::uint32_t>(f.integer_in("at_ms", 0, max_u32).value_or(default_at_ms));
    if (s.action != A::restart_service) {
        const toml::node& c = f.require("connection");
        s.connection = Fields::as_string(c, "connection");
    }

    switch (s.action) {
    case A::add_link:
        if (const toml::node* n = f.find("port_name")) {
            d.port_name = wide(*n, "port_name", winabi::MAX_PORT_NAME, "MAX_PORT_NAME");
            if (d.port_name->empty()) fail(line_of(*n), "port_name must not be empty");
            d.port_name_line = line_of(*n);
        }
        if (const toml::node* n = f.find("port_handle")) d.port_handle = handle_value(*n, "port_handle");
        break;
    case A::drop_link: {
        f.require("link");
        s.link_index = static_cast<std::size_t>(*f.integer_in("link", 0, max_links - 1));
        break;
    }
    case A::reauthenticate: {
        f.require("quarantine");
        s.quarantine = *f.choice("quarantine", quarantine_spellings);
        auto seconds = f.integer_in("probation_seconds", 0, max_u32);
        // REAUTH-4 / STRUCT-4: the deadline is meaningful only in probation,
        // so it is demanded there and refused elsewhere.
        if (s.quarantine == winabi::RAS_QUAR_STATE_PROBATION && !seconds)
            fail(f.line(), "reauthenticate to \"probation\" needs probation_seconds, the time left to leave "
                           "quarantine (REAUTH-4)");
        if (s.quarantine != winabi::RAS_QUAR_STATE_PROBATION && seconds)
            fail(line_of(*f.find("probation_seconds")),
                 "probation_seconds applies only with quarantine = \"probation\" (REAUTH-4)");
        s.probation_seconds = static_cast<std::uint32_t>(seconds.value_or(0));
        break;
    }
    case A::hang_up:
        s.cause = f.choice("cause", cause_spellings).value_or(HangupCause::user);
        break;
    case A::connect:
    case A::restart_service: break;
    }
    return d;
}

// Port names in use, server-wide: a port carries one link at a time.
class Ports {
public:
    explicit Ports(std::set<std::u16string> named) : named_(std::move(named)) {}

    std::u16string take(const std::optional<std::u16string>& wanted, std::uint32_t line, const std::string& id) {
        std::u16string p;
        if (wanted) {
            p = *wanted;
            auto used = in_use_.find(p);
            if (used != in_use_.end())
                fail(line, "port " + in_quotes(to_utf8(p)) + " already carries a link of " + in_quotes(used->second));
        } else {
            do p = u"VPN1-" + to_utf16(std::to_string(next_++));
            while (named_.count(p) || in_use_.count(p));
        }
        in_use_[p] = id;
        return p;
    }
    void release(const std::u16string& p) { in_use_.erase(p); }
    void release_all() { in_use_.clear(); }

private:
    std::set<std::u16string> named_;  // explicit names anywhere in the file: never handed out
    std::map<std::u16string, std::string> in_use_;
    unsigned next_ = 0;
};

// Where a connection is in its life while the steps are replayed.
struct ReplayLife {
    enum class Phase : std::uint8_t { defined, up, ended } phase = Phase::defined;
    int connect_line = 0;
    std::string ended_by;  // "hang-up at line 12"
    std::vector<std::u16string> ports;  // links that are up, in the order they joined
    winabi::RAS_QUARANTINE_STATE quarantine = winabi::RAS_QUAR_STATE_NORMAL;
};

// A link of the connection on `port`: [connection.port] for the rest.
LinkModel link_on(const ConnectionDraft& d, std::u16string port) {
    LinkModel l = d.port;
    l.port_name = std::move(port);
    if (!d.device_name_given) l.device_name = tunnel_device_name(d.c.model.tunnel);
    return l;
}

// The j-th link the connection comes up with: port_handles gives its hPort.
LinkModel connect_link(const ConnectionDraft& d, std::size_t j, std::u16string port) {
    LinkModel l = link_on(d, std::move(port));
    if (j < d.port_handles.size()) {
        l.port_handle = d.port_handles[j];
        l.port_handle_given = true;
    }
    return l;
}

// Replays the steps in play order, checking the sequence and naming the
// ports; fills the connections' links and the add-link steps' links.
void replay(std::vector<ConnectionDraft>& conns, std::vector<StepDraft>& steps) {
    using A = ScenarioStep::Action;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < conns.size(); ++i) index[conns[i].c.id] = i;

    std::set<std::u16string> named;
    for (const auto& c : conns) named.insert(c.port_names.begin(), c.port_names.end());
    for (const auto& s : steps)
        if (s.port_name) named.insert(*s.port_name);
    Ports ports(std::move(named));

    std::vector<ReplayLife> life(conns.size());
    std::vector<bool> ports_named(conns.size(), false);

    auto end_connection = [&](std::size_t i, std::string why) {
        for (const auto& p : life[i].ports) ports.release(p);
        life[i].ports.clear();
        life[i].phase = ReplayLife::Phase::ended;
        life[i].ended_by = std::move(why);
    };
    auto end_all = [&](const std::string& why) {
        for (std::size_t i = 0; i < life.size(); ++i)
            if (life[i].phase == ReplayLife::Phase::up) end_connection(i, why);
    };

    for (std::size_t k = 0; k < steps.size(); ++k) {
        ScenarioStep& s = steps[k].s;
        auto line = static_cast<std::uint32_t>(s.line);
        std::string_view act = to_string(s.action);
        if (s.action == A::restart_service) {
            // TERM-4: the connections still up are torn down before Terminate.
            end_all("restart-service at line " + std::to_string(s.line));
            continue;
        }
        auto found = index.find(s.connection);
        if (found == index.end()) {
            std::string known;
            for (const auto& c : conns) known += (known.empty() ? "" : ", ") + in_quotes(c.c.id);
            fail(line, std::string(act) + " names unknown connection " + in_quotes(s.connection) +
                           (known.empty() ? " (no [[connection]] is defined)" : " (defined: " + known + ")"));
        }
        std::size_t ci = found->second;
        ConnectionDraft& cd = conns[ci];
        ReplayLife& l = life[ci];
        std::string who = in_quotes(s.connection);

        if (s.action == A::connect) {
            if (l.phase == ReplayLife::Phase::up)
                fail(line, who + " is already connected (connect at line " + std::to_string(l.connect_line) + ")");
            if (l.phase == ReplayLife::Phase::ended)
                fail(line, who + " connects again after it ended (" + l.ended_by +
                               "); a [[connection]] is one connection, define another for a new one");
            l.phase = ReplayLife::Phase::up;
            l.connect_line = s.line;
            l.quarantine = cd.c.model.quarantine;
            cd.c.model.links.clear();
            for (std::size_t j = 0; j < cd.links; ++j) {
                std::optional<std::u16string> want;
                if (!cd.port_names.empty()) want = cd.port_names[j];
                std::u16string p = ports.take(want, want ? cd.port_names_line : line, s.connection);
                cd.c.model.links.push_back(connect_link(cd, j, p));
                l.ports.push_back(std::move(p));
            }
            ports_named[ci] = true;
            continue;
        }

        if (l.phase == ReplayLife::Phase::defined) {
            // Say where the connect is, since with at_ms out of file order
            // "it is right there above" may not be what plays first.
            std::string where;
            for (std::size_t j = k + 1; j < steps.size(); ++j)
                if (steps[j].s.action == A::connect && steps[j].s.connection == s.connection) {
                    where = "its connect (line " + std::to_string(steps[j].s.line) + ", at_ms " +
                            std::to_string(steps[j].s.at_ms) + ") plays later; steps play in at_ms order, ties in "
                            "file order";
                    break;
                }
            if (where.empty()) where = "there is no connect step for it";
            fail(line, std::string(act) + " for " + who + " before it is connected: " + where);
        }
        if (l.phase == ReplayLife::Phase::ended)
            fail(line, std::string(act) + " for " + who + " after it ended (" + l.ended_by + ")");

        switch (s.action) {
        case A::add_link: {
            if (l.ports.size() >= static_cast<std::size_t>(max_links))
                fail(line, "add-link would give " + who + " " + std::to_string(l.ports.size() + 1) +
                               " links; at most " + std::to_string(max_links));
            std::u16string p = ports.take(steps[k].port_name, steps[k].port_name ? steps[k].port_name_line : line,
                                          s.connection);
            s.link = link_on(cd, p);
            if (steps[k].port_handle) {
                // A port handle already carrying a link is refused by the
                // engine when the step plays (Q-27: hPort names one port).
                s.link.port_handle = *steps[k].port_handle;
                s.link.port_handle_given = true;
            }
            l.ports.push_back(std::move(p));
            break;
        }
        case A::drop_link: {
            if (s.link_index >= l.ports.size())
                fail(line, "link = " + std::to_string(s.link_index) + " is out of range: " + who + " has " +
                               std::to_string(l.ports.size()) + (l.ports.size() == 1 ? " link" : " links") +
                               " up here (0.." + std::to_string(l.ports.size() - 1) +
                               ", counted in the order they joined)");
            ports.release(l.ports[s.link_index]);
            l.ports.erase(l.ports.begin() + static_cast<std::ptrdiff_t>(s.link_index));
            // ORDER-6: with its last link gone the connection hangs up.
            if (l.ports.empty()) end_connection(ci, "its last link dropped at line " + std::to_string(s.line));
            break;
        }
        case A::reauthenticate:
            // REAUTH-1: the callout reports a change of state. Probation to
            // probation is a new deadline, which counts as one.
            if (s.quarantine == l.quarantine && s.quarantine != winabi::RAS_QUAR_STATE_PROBATION)
                fail(line, who + " is already in state " + in_quotes(spelling(l.quarantine)) +
                               "; reauthentication reports a change of state (REAUTH-1)");
            l.quarantine = s.quarantine;
            break;
        case A::hang_up:
            if (s.cause == HangupCause::service_stop)  // TERM-4, Q-7: the whole service stops
                end_all("service-stop hang-up of " + who + " at line " + std::to_string(s.line));
            else
                end_connection(ci, "hang-up at line " + std::to_string(s.line));
            break;
        case A::connect:
        case A::restart_service: break;
        }
    }

    // A connection no step connects still gets a complete model (links >= 1);
    // its ports are never up, so they collide with nothing.
    ports.release_all();
    for (std::size_t i = 0; i < conns.size(); ++i) {
        if (ports_named[i]) continue;
        ConnectionDraft& cd = conns[i];
        cd.c.model.links.clear();
        for (std::size_t j = 0; j < cd.links; ++j) {
            std::optional<std::u16string> want;
            if (!cd.port_names.empty()) want = cd.port_names[j];
            std::u16string p = ports.take(want, cd.port_names_line, cd.c.id);
            ports.release(p);
            cd.c.model.links.push_back(connect_link(cd, j, p));
        }
    }
}

Scenario build(const toml::table& root, const std::string& source_name) {
    Fields f(root, "the top level");
    f.only({"name", "description", "connection", "step"});
    Scenario sc;
    sc.name = f.string("name").value_or(default_name(source_name));
    sc.description = f.string("description").value_or("");

    std::vector<ConnectionDraft> conns;
    std::map<std::string, int> first_line;
    for (const toml::table* t : tables_of(root, "connection")) {
        ConnectionDraft d = read_connection(*t, conns.size());
        auto [it, fresh] = first_line.emplace(d.c.id, d.c.line);
        if (!fresh)
            fail(static_cast<std::uint32_t>(d.c.line), "duplicate connection id " + in_quotes(d.c.id) +
                                                           " (first defined at line " + std::to_string(it->second) +
                                                           ")");
        conns.push_back(std::move(d));
    }

    std::vector<StepDraft> steps;
    std::uint32_t at_ms = 0;
    for (const toml::table* t : tables_of(root, "step")) {
        steps.push_back(read_step(*t, at_ms));
        at_ms = steps.back().s.at_ms;
    }
    std::stable_sort(steps.begin(), steps.end(),
                     [](const StepDraft& a, const StepDraft& b) { return a.s.at_ms < b.s.at_ms; });

    replay(conns, steps);
    for (auto& c : conns) sc.connections.push_back(std::move(c.c));
    for (auto& s : steps) sc.steps.push_back(std::move(s.s));
    return sc;
}

std::string path_text(const std::filesystem::path& file) {
    try {
        auto u8 = file.u8string();
        return std::string(u8.begin(), u8.end());
    } catch (...) {
        return "<scenario file>";
    }
}

}  // namespace

std::string_view to_string(HangupCause c) { return spelling_of(cause_spellings, c); }
std::string_view to_string(ScenarioStep::Action a) { return spelling_of(action_spellings, a); }
std::string_view scenario_spelling(TunnelType t) { return spelling_of(tunnel_spellings, t); }
std::string_view scenario_spelling(winabi::ROUTER_INTERFACE_TYPE t) { return spelling_of(interface_type_spellings, t); }
std::string_view scenario_spelling(winabi::RAS_QUARANTINE_STATE q) { return spelling_of(quarantine_spellings, q); }
std::string_view scenario_spelling(winabi::RAS_PORT_CONDITION c) { return spelling_of(condition_spellings, c); }
std::string_view scenario_spelling(winabi::RAS_HARDWARE_CONDITION h) { return spelling_of(hardware_spellings, h); }
std::u16string default_device_name(TunnelType t) { return tunnel_device_name(t); }

ScenarioLoad parse_scenario(std::string_view toml_text, const std::string& source_name) {
    ScenarioLoad out;
    try {
        try {
            toml::table root = toml::parse(toml_text, std::string_view(source_name));
            out.scenario = build(root, source_name);
        } catch (const toml::parse_error& e) {
            out.error = source_name + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
        } catch (const Invalid& e) {
            out.error = source_name + ":" + std::to_string(e.line) + ": " + e.what;
        }
        out.error = one_line(out.error);
    } catch (const std::exception& e) {
        out.scenario.reset();
        out.error = one_line(source_name + ": " + e.what());
    } catch (...) {
        out.scenario.reset();
        out.error = source_name + ": unexpected error";
    }
    return out;
}

ScenarioLoad load_scenario(const std::filesystem::path& file) {
    std::string name = path_text(file);
    try {
        std::error_code ec;
        if (std::filesystem::is_directory(file, ec)) {
            ScenarioLoad out;
            out.error = one_line(name + ": cannot read: is a directory");
            return out;
        }
        errno = 0;
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        if (in) text << in.rdbuf();
        if (!in || in.bad()) {
            int err = errno;
            ScenarioLoad out;
            out.error = one_line(name + ": cannot read: " +
                                 (err ? std::generic_category().message(err) : std::string("open failed")));
            return out;
        }
        return parse_scenario(text.str(), name);
    } catch (const std::exception& e) {
        ScenarioLoad out;
        out.error = one_line(name + ": cannot read: " + e.what());
        return out;
    } catch (...) {
        ScenarioLoad out;
        out.error = name + ": cannot read";
        return out;
    }
}

}  // namespace rasconform
