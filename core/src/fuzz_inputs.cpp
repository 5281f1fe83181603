#include "rasconform/fuzz_inputs.hpp"

#include <algorithm>
#include <cstdio>

#include "rasconform/scenario.hpp"
#include "rasconform/utf16.hpp"

namespace rasconform {
namespace {

using namespace winabi;

constexpr std::uint64_t u32_max = 0xFFFFFFFFu;

std::string hex32(std::uint64_t v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%08llX", static_cast<unsigned long long>(v));
    return buf;
}

// A DWORD: decimal, with the hex beside the values where bits matter.
std::string show_dword(const FuzzValue& v) {
    return v.number == u32_max || v.number >= 0x80000000u ? std::to_string(v.number) + " (" + hex32(v.number) + ")"
                                                          : std::to_string(v.number);
}

// Characters a name may hold: ASCII, Latin-1, Greek, CJK, right-to-left
// Arabic, a joiner, the replacement character and one pair of surrogates
// (U+1F600), all Unicode scalar values a TOML file can carry. No control
// characters: no documented name holds one.
const std::u16string& name_characters() {
    static const std::u16string chars =
        u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.@'\"\\$%"
        u"\u00e9\u00fc\u00df\u00c5\u03a9\u6771\u4eac\u0639\u0631\u200d\ufffd";
    return chars;
}

// `n` UTF-16 units: ASCII letters, the shape the edge catalogue fills arrays with.
std::u16string fill_ascii(std::size_t n) {
    std::u16string s;
    for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char16_t>(u'A' + i % 26));
    return s;
}

// Any text of 0 (or 1 when it may not be empty)..capacity units; a
// surrogate pair only where both halves fit.
std::u16string random_text(FuzzRng& r, std::size_t min, std::size_t capacity) {
    const std::size_t n = min + static_cast<std::size_t>(r.below(capacity - min + 1));
    const std::u16string& pool = name_characters();
    std::u16string s;
    while (s.size() < n) {
        if (n - s.size() >= 2 && r.below(16) == 0) {
            s += u"\U0001F600";
            continue;
        }
        s.push_back(pool[static_cast<std::size_t>(r.below(pool.size()))]);
    }
    return s;
}

std::string show_text(const FuzzValue& v, std::size_t capacity) {
    if (v.text.empty()) return "empty";
    std::string head = to_utf8(v.text.size() <= 24 ? v.text : v.text.substr(0, 16));
    if (v.text.size() > 24) {
        // Never cut a surrogate pair in half.
        const char16_t last = v.text[15];
        if (last >= 0xD800 && last <= 0xDBFF) head = to_utf8(v.text.substr(0, 15));
        head += "...";
    }
    std::string out = std::to_string(v.text.size()) + (v.text.size() == 1 ? " UTF-16 unit" : " UTF-16 units");
    if (v.text.size() == capacity) out += " (the whole array, no room to spare)";
    return out + " \"" + head + "\"";
}

FuzzValue num(std::uint64_t n) { return {n, 0, {}}; }

void add_text(std::vector<FuzzField>& out, std::string name, std::size_t capacity, bool may_be_empty,
              std::function<void(ConnectionModel&, const std::u16string&)> set) {
    std::vector<FuzzValue> edges;
    if (may_be_empty) edges.push_back({});
    edges.push_back({0, 0, fill_ascii(capacity)});
    std::u16string wide_full;  // the array filled with non-ASCII, pair at the end
    while (wide_full.size() + 2 < capacity) wide_full += u"\u00e9";
    wide_full += capacity >= 2 ? std::u16string(u"\U0001F600") : std::u16string(u"\u00e9");
    edges.push_back({0, 0, wide_full.substr(0, capacity)});
    const std::size_t min = may_be_empty ? 0 : 1;
    out.push_back({std::move(name), std::move(edges),
                   [min, capacity](FuzzRng& r) {
                       return FuzzValue{0, 0, random_text(r, min, capacity)};
                   },
                   [set](ConnectionModel& m, const FuzzValue& v) { set(m, v.text); },
                   [capacity](const FuzzValue& v) { return show_text(v, capacity); }});
}

// A DWORD counter or duration: zero, one, the sign boundary and all ones.
void add_dword(std::vector<FuzzField>& out, std::string name, std::function<void(ConnectionModel&, std::uint32_t)> set,
               std::vector<std::uint64_t> extra_edges = {}) {
    std::vector<FuzzValue> edges{num(0), num(1), num(0x7FFFFFFF), num(0x80000000), num(u32_max)};
    for (std::uint64_t e : extra_edges) edges.push_back(num(e));
    out.push_back({std::move(name), std::move(edges), [](FuzzRng& r) { return num(r.next() & u32_max); },
                   [set](ConnectionModel& m, const FuzzValue& v) { set(m, static_cast<std::uint32_t>(v.number)); },
                   show_dword});
}

// An enumeration: every documented value is an edge.
void add_enum(std::vector<FuzzField>& out, std::string name, std::vector<std::string> spellings,
              std::function<void(ConnectionModel&, std::uint32_t)> set) {
    std::vector<FuzzValue> edges;
    for (std::size_t i = 0; i < spellings.size(); ++i) edges.push_back(num(i));
    const std::uint64_t count = spellings.size();
    out.push_back({std::move(name), std::move(edges), [count](FuzzRng& r) { return num(r.below(count)); },
                   [set](ConnectionModel& m, const FuzzValue& v) { set(m, static_cast<std::uint32_t>(v.number)); },
                   [spellings](const FuzzValue& v) {
                       return std::to_string(v.number) + " (" +
                              (v.number < spellings.size() ? spellings[v.number] : std::string("?")) + ")";
                   }});
}

std::array<std::uint8_t, 8> bytes8(std::uint64_t v) {
    std::array<std::uint8_t, 8> b{};
    for (int i = 0; i < 8; ++i) b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
    return b;
}

std::string show_groups(const FuzzValue& v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%x:%x:%x:%x", static_cast<unsigned>(v.number >> 48 & 0xFFFF),
                  static_cast<unsigned>(v.number >> 32 & 0xFFFF), static_cast<unsigned>(v.number >> 16 & 0xFFFF),
                  static_cast<unsigned>(v.number & 0xFFFF));
    return buf;
}

// 64 bits of an IPv6 address (a prefix or an interface identifier), first
// byte in the top bits.
void add_ipv6_half(std::vector<FuzzField>& out, std::string name, std::vector<std::uint64_t> extra_edges,
                   std::array<std::uint8_t, 8> ConnectionModel::*member) {
    std::vector<FuzzValue> edges{num(0), num(~std::uint64_t{0})};
    for (std::uint64_t e : extra_edges) edges.push_back(num(e));
    out.push_back({std::move(name), std::move(edges), [](FuzzRng& r) { return num(r.next()); },
                   [member](ConnectionModel& m, const FuzzValue& v) { m.*member = bytes8(v.number); }, show_groups});
}

std::string show_ipv4(const FuzzValue& v) {
    return std::to_string(v.number >> 24 & 0xFF) + "." + std::to_string(v.number >> 16 & 0xFF) + "." +
           std::to_string(v.number >> 8 & 0xFF) + "." + std::to_string(v.number & 0xFF);
}

// a.b.c.d with a in the top byte of `number`.
void add_ipv4(std::vector<FuzzField>& out, std::string name, std::array<std::uint8_t, 4> ConnectionModel::*member) {
    std::vector<FuzzValue> edges{num(0), num(u32_max), num(0x7F000001), num(0xE0000001), num(0xA9FE0001)};
    out.push_back({std::move(name), std::move(edges), [](FuzzRng& r) { return num(r.next() & u32_max); },
                   [member](ConnectionModel& m, const FuzzValue& v) {
                       m.*member = {static_cast<std::uint8_t>(v.number >> 24),
                                    static_cast<std::uint8_t>(v.number >> 16), static_cast<std::uint8_t>(v.number >> 8),
                                    static_cast<std::uint8_t>(v.number)};
                   },
                   show_ipv4});
}

LinkModel& first(ConnectionModel& m) { return m.links.front(); }

std::string show_handle(const FuzzValue& v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%016llX", static_cast<unsigned long long>(v.number));
    if (v.number == 0) return std::string(buf) + " (NULL)";
    if (v.number == ~std::uint64_t{0}) return std::string(buf) + " (all ones, INVALID_HANDLE_VALUE)";
    return buf;
}

// A HANDLE (pointer-sized; an x86 DLL sees the low 32 bits): NULL, one,
// 32-bit all ones, the top bit, all ones, or any value.
void add_handle(std::vector<FuzzField>& out, std::string name, std::function<void(ConnectionModel&, std::uint64_t)> set) {
    std::vector<FuzzValue> edges{num(0), num(1), num(u32_max), num(0x8000000000000000ull), num(~std::uint64_t{0})};
    out.push_back({std::move(name), std::move(edges), [](FuzzRng& r) { return num(r.next()); },
                   [set](ConnectionModel& m, const FuzzValue& v) { set(m, v.number); }, show_handle});
}

std::vector<FuzzField> make_fields() {
    std::vector<FuzzField> f;
    // Strings (STRUCT-16): empty, filling their array with ASCII and with
    // non-ASCII text, or any text that fits.
    add_text(f, "RAS_CONNECTION_0.wszUserName", UNLEN, true, [](ConnectionModel& m, auto& s) { m.user = s; });
    add_text(f, "RAS_CONNECTION_0.wszLogonDomain", DNLEN, true, [](ConnectionModel& m, auto& s) { m.domain = s; });
    add_text(f, "RAS_CONNECTION_0.wszInterfaceName", MAX_INTERFACE_NAME_LEN, true,
             [](ConnectionModel& m, auto& s) { m.interface_name = s; });
    add_text(f, "RAS_CONNECTION_0.wszRemoteComputer", NETBIOS_NAME_LEN, true,
             [](ConnectionModel& m, auto& s) { m.remote_computer = s; });
    add_text(f, "RAS_CONNECTION_3.wszRemoteEndpointAddress", MAXIPADRESSLEN, true,
             [](ConnectionModel& m, auto& s) { m.remote_endpoint = s; });
    add_text(f, "RAS_CONNECTION_3.wszLocalEndpointAddress", MAXIPADRESSLEN, true,
             [](ConnectionModel& m, auto& s) { m.local_endpoint = s; });
    // A port always has a name (RRAS names every port it listens on).
    add_text(f, "RAS_PORT_0.wszPortName", MAX_PORT_NAME, false,
             [](ConnectionModel& m, auto& s) { first(m).port_name = s; });
    add_text(f, "RAS_PORT_0.wszMediaName", MAX_MEDIA_NAME, true,
             [](ConnectionModel& m, auto& s) { first(m).media_name = s; });
    add_text(f, "RAS_PORT_0.wszDeviceName", MAX_DEVICE_NAME, true,
             [](ConnectionModel& m, auto& s) { first(m).device_name = s; });
    add_text(f, "RAS_PORT_0.wszDeviceType", MAX_DEVICETYPE_NAME, true,
             [](ConnectionModel& m, auto& s) { first(m).device_type = s; });

    // Enumerations (spec 4.2): every documented value.
    add_enum(f, "RAS_CONNECTION_0.dwInterfaceType",
             {"client", "home-router", "full-router", "dedicated", "internal", "loopback", "tunnel1", "dialout"},
             [](ConnectionModel& m, std::uint32_t v) { m.interface_type = static_cast<ROUTER_INTERFACE_TYPE>(v); });
    add_enum(f, "tunnel (RAS_CONNECTION_EX.ProjectionInfo, RAS_FLAGS_PPP/IKEV2)", {"pptp", "l2tp", "sstp", "ikev2"},
             [](ConnectionModel& m, std::uint32_t v) { m.tunnel = static_cast<TunnelType>(v); });
    add_enum(f, "RAS_CONNECTION_2.quarState", {"normal", "quarantine", "probation", "not-capable"},
             [](ConnectionModel& m, std::uint32_t v) { m.quarantine = static_cast<RAS_QUARANTINE_STATE>(v); });
    // STRUCT-4: the deadline means something only in probation, so a
    // change of it puts the connection there (after the state above).
    f.push_back(
        {"RAS_CONNECTION_3.timer (probation deadline, in probation)",
         {num(0), num(0x7FFFFFFFFFFFFFFFull), num(0xFFFFFFFFu), num(0x100000000ull)},
         [](FuzzRng& r) { return num(r.next() >> 1); },
         [](ConnectionModel& m, const FuzzValue& v) {
             m.quarantine = RAS_QUAR_STATE_PROBATION;
             m.probation_deadline = {static_cast<std::uint32_t>(v.number), static_cast<std::uint32_t>(v.number >> 32)};
         },
         [](const FuzzValue& v) {
             char buf[40];
             std::snprintf(buf, sizeof buf, "0x%016llX", static_cast<unsigned long long>(v.number));
             return std::string(buf);
         }});
    add_enum(f, "RAS_PORT_0.dwPortCondition",
             {"non-operational", "disconnected", "calling-back", "listening", "authenticating", "authenticated",
              "initializing"},
             [](ConnectionModel& m, std::uint32_t v) { first(m).condition = static_cast<RAS_PORT_CONDITION>(v); });
    add_enum(f, "RAS_PORT_1.dwHardwareCondition", {"operational", "failure"},
             [](ConnectionModel& m, std::uint32_t v) { first(m).hardware = static_cast<RAS_HARDWARE_CONDITION>(v); });

    // Flags (4.3): none beyond the tunnel's, each documented bit, all of them.
    {
        constexpr std::uint32_t bits[] = {RAS_FLAGS_PPP_CONNECTION,   RAS_FLAGS_MESSENGER_PRESENT,
                                          RAS_FLAGS_RAS_CONNECTION,   RAS_FLAGS_QUARANTINE_PRESENT,
                                          RAS_FLAGS_IKEV2_CONNECTION, RAS_FLAGS_DORMANT};
        std::uint32_t all = 0;
        std::vector<FuzzValue> edges{num(0)};
        for (std::uint32_t b : bits) {
            edges.push_back(num(b));
            all |= b;
        }
        edges.push_back(num(all));
        f.push_back(
            {"RAS_CONNECTION_0.dwConnectionFlags", std::move(edges), [all](FuzzRng& r) { return num(r.next() & all); },
             [](ConnectionModel& m, const FuzzValue& v) { m.extra_flags = static_cast<std::uint32_t>(v.number); },
             [](const FuzzValue& v) { return hex32(v.number) + " on top of the tunnel's bit"; }});
    }

    // Counters and durations: zero, maximal, anything.
    add_dword(f, "RAS_CONNECTION_0.dwConnectDuration",
              [](ConnectionModel& m, std::uint32_t v) { m.connect_duration = v; });
    add_dword(f, "RAS_CONNECTION_1.dwBytesXmited", [](ConnectionModel& m, std::uint32_t v) { m.bytes_xmited = v; });
    add_dword(f, "RAS_CONNECTION_1.dwBytesRcved", [](ConnectionModel& m, std::uint32_t v) { m.bytes_rcved = v; });
    add_dword(f, "RAS_CONNECTION_1.dwFramesXmited", [](ConnectionModel& m, std::uint32_t v) { m.frames_xmited = v; });
    add_dword(f, "RAS_CONNECTION_1.dwFramesRcved", [](ConnectionModel& m, std::uint32_t v) { m.frames_rcved = v; });
    add_dword(f, "RAS_CONNECTION_1.dwCompressionRatioIn",
              [](ConnectionModel& m, std::uint32_t v) { m.compression_in = v; }, {100});
    add_dword(f, "RAS_CONNECTION_1.dwCompressionRatioOut",
              [](ConnectionModel& m, std::uint32_t v) { m.compression_out = v; }, {100});
    add_dword(f, "RAS_CONNECTION_EX.dwNumSwitchOvers (IKEv2)",
              [](ConnectionModel& m, std::uint32_t v) { m.switch_overs = v; });
    add_dword(f, "RAS_PORT_0.dwTotalNumberOfCalls",
              [](ConnectionModel& m, std::uint32_t v) { first(m).total_calls = v; });
    add_dword(f, "RAS_PORT_0.dwConnectDuration",
              [](ConnectionModel& m, std::uint32_t v) { first(m).connect_duration = v; });
    add_dword(f, "RAS_PORT_1.dwLineSpeed", [](ConnectionModel& m, std::uint32_t v) { first(m).line_speed = v; });
    add_dword(f, "RAS_PORT_1.dwBytesXmited", [](ConnectionModel& m, std::uint32_t v) { first(m).bytes_xmited = v; });
    add_dword(f, "RAS_PORT_1.dwBytesRcved", [](ConnectionModel& m, std::uint32_t v) { first(m).bytes_rcved = v; });
    add_dword(f, "RAS_PORT_1.dwFramesXmited", [](ConnectionModel& m, std::uint32_t v) { first(m).frames_xmited = v; });
    add_dword(f, "RAS_PORT_1.dwFramesRcved", [](ConnectionModel& m, std::uint32_t v) { first(m).frames_rcved = v; });
    add_dword(f, "RAS_PORT_1.dwCompressionRatioIn",
              [](ConnectionModel& m, std::uint32_t v) { first(m).compression_in = v; }, {100});
    add_dword(f, "RAS_PORT_1.dwCompressionRatioOut",
              [](ConnectionModel& m, std::uint32_t v) { first(m).compression_out = v; }, {100});

    f.push_back({"RAS_CONNECTION_3.guid",
                 {FuzzValue{0, 0, {}}, FuzzValue{~std::uint64_t{0}, ~std::uint64_t{0}, {}}},
                 [](FuzzRng& r) {
                     const std::uint64_t a = r.next();
                     return FuzzValue{a, r.next(), {}};
                 },
                 [](ConnectionModel& m, const FuzzValue& v) {
                     m.guid.Data1 = static_cast<std::uint32_t>(v.number >> 32);
                     m.guid.Data2 = static_cast<std::uint16_t>(v.number >> 16);
                     m.guid.Data3 = static_cast<std::uint16_t>(v.number);
                     const auto b = bytes8(v.extra);
                     std::copy(b.begin(), b.end(), m.guid.Data4);
                     m.guid_given = true;
                 },
                 [](const FuzzValue& v) {
                     char buf[48];
                     std::snprintf(buf, sizeof buf, "%08X-%04X-%04X-%04X-%012llX",
                                   static_cast<unsigned>(v.number >> 32),
                                   static_cast<unsigned>(v.number >> 16 & 0xFFFF),
                                   static_cast<unsigned>(v.number & 0xFFFF), static_cast<unsigned>(v.extra >> 48),
                                   static_cast<unsigned long long>(v.extra & 0xFFFFFFFFFFFFull));
                     return std::string(buf);
                 }});

    // Addresses (IPADDR-13, IPV6-2): the extremes, loopback, multicast, link-local.
    add_ipv4(f, "client IPv4 address (Get/Release, PPP_IPCP_INFO.wszRemoteAddress)", &ConnectionModel::client_ipv4);
    add_ipv4(f, "server IPv4 address (PPP_IPCP_INFO.wszAddress)", &ConnectionModel::server_ipv4);
    add_ipv6_half(f, "IPv6 prefix (PPP_IPV6_CP_INFO.bPrefix, Get/Release)",
                  {0xFE80000000000000ull, 0x20010DB800000000ull}, &ConnectionModel::ipv6_prefix);
    f.push_back(
        {"IPv6 prefix length (PPP_IPV6_CP_INFO.dwPrefixLength)",
         {num(0), num(64), num(128)},
         [](FuzzRng& r) { return num(r.below(129)); },
         [](ConnectionModel& m, const FuzzValue& v) { m.ipv6_prefix_length = static_cast<std::uint32_t>(v.number); },
         [](const FuzzValue& v) { return std::to_string(v.number); }});
    add_ipv6_half(f, "client IPv6 interface identifier (PPP_IPV6_CP_INFO.bRemoteInterfaceIdentifier)", {1},
                  &ConnectionModel::client_interface_id);
    add_ipv6_half(f, "server IPv6 interface identifier (PPP_IPV6_CP_INFO.bInterfaceIdentifier)", {1},
                  &ConnectionModel::server_interface_id);

    // Handles (ROBUST-6: "zero handles"), last so that FuzzHandles::engine
    // draws from the fields before them exactly as before they existed.
    // The model carries them, so every structure and callout of the
    // connection sees the same value (ORDER-8): hConnection in
    // RAS_CONNECTION_* and RAS_PORT_0/1 alike, hPort for the first link (the
    // second keeps an engine handle of its own).
    add_handle(f, "RAS_CONNECTION_0.hConnection", [](ConnectionModel& m, std::uint64_t v) {
        m.handle = v;
        m.handle_given = true;
    });
    add_handle(f, "RAS_CONNECTION_0.hInterface", [](ConnectionModel& m, std::uint64_t v) {
        m.interface_handle = v;
        m.interface_handle_given = true;
    });
    add_handle(f, "RAS_PORT_0.hPort", [](ConnectionModel& m, std::uint64_t v) {
        first(m).port_handle = v;
        first(m).port_handle_given = true;
    });
    return f;
}

constexpr std::size_t handle_fields = 3;  // the last ones of make_fields()

std::uint64_t mix(std::uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace

std::uint64_t FuzzRng::next() {
    state_ += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t FuzzRng::below(std::uint64_t n) {
    // Rejection keeps it uniform; the limit is the largest multiple of n.
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
}

const std::vector<FuzzField>& fuzz_fields() {
    static const std::vector<FuzzField> list = make_fields();
    return list;
}

std::string to_string(FuzzHandles handles) { return handles == FuzzHandles::engine ? "engine" : "drawn"; }

std::size_t fuzz_field_count(FuzzHandles handles) {
    return fuzz_fields().size() - (handles == FuzzHandles::engine ? handle_fields : 0);
}

FuzzInput fuzz_input(std::uint64_t seed, std::uint64_t iteration, FuzzHandles handles) {
    FuzzRng r(mix(seed) ^ mix(iteration ^ 0x5DEECE66Dull));
    const auto& fields = fuzz_fields();
    const std::size_t drawable = fuzz_field_count(handles);
    // Mostly one to three fields, now and then up to six.
    const std::size_t count =
        r.below(8) == 0 ? 4 + static_cast<std::size_t>(r.below(3)) : 1 + static_cast<std::size_t>(r.below(3));
    std::vector<std::size_t> chosen;
    while (chosen.size() < count) {
        const auto f = static_cast<std::size_t>(r.below(drawable));
        if (std::find(chosen.begin(), chosen.end(), f) == chosen.end()) chosen.push_back(f);
    }
    std::sort(chosen.begin(), chosen.end());
    FuzzInput input;
    for (std::size_t f : chosen) {
        const FuzzField& field = fields[f];
        // Three edge values to one value from anywhere in the range.
        FuzzValue v =
            r.below(4) != 0 ? field.edges[static_cast<std::size_t>(r.below(field.edges.size()))] : field.random(r);
        input.push_back({f, std::move(v)});
    }
    return input;
}

ConnectionModel fuzz_model(const FuzzInput& input) {
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    const auto& fields = fuzz_fields();
    for (const FuzzChange& c : input) fields.at(c.field).apply(m, c.value);
    return m;
}

LinkModel fuzz_second_link(const ConnectionModel& m) {
    LinkModel second = m.links.front();
    second.port_handle = 0;  // a port of its own: the engine assigns its handle
    second.port_handle_given = false;
    second.port_name = second.port_name == u"VPN1-1" ? u"VPN1-2" : u"VPN1-1";
    return second;
}

std::string describe(const FuzzChange& change) {
    const FuzzField& f = fuzz_fields().at(change.field);
    return f.name + " = " + f.show(change.value);
}

std::vector<std::size_t> ddmin(std::size_t count, const std::function<bool(const std::vector<std::size_t>&)>& fails) {
    std::vector<std::size_t> current(count);
    for (std::size_t i = 0; i < count; ++i) current[i] = i;
    std::size_t n = 2;
    while (current.size() >= 2) {
        // `n` chunks of (nearly) equal size.
        std::vector<std::vector<std::size_t>> chunks;
        const std::size_t size = current.size();
        for (std::size_t k = 0, start = 0; k < n; ++k) {
            const std::size_t end = start + (size - start) / (n - k);
            chunks.emplace_back(current.begin() + static_cast<std::ptrdiff_t>(start),
                                current.begin() + static_cast<std::ptrdiff_t>(end));
            start = end;
        }
        bool reduced = false;
        for (const auto& chunk : chunks)
            if (!chunk.empty() && fails(chunk)) {
                current = chunk;
                n = 2;
                reduced = true;
                break;
            }
        if (!reduced && n > 2)
            for (std::size_t k = 0; k < chunks.size(); ++k) {
                std::vector<std::size_t> complement;
                for (std::size_t j = 0; j < chunks.size(); ++j)
                    if (j != k) complement.insert(complement.end(), chunks[j].begin(), chunks[j].end());
                if (fails(complement)) {
                    current = std::move(complement);
                    n = std::max<std::size_t>(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
        if (reduced) continue;
        if (n >= current.size()) break;
        n = std::min(n * 2, current.size());
    }
    return current;
}

}  // namespace rasconform
