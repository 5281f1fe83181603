#include "mock/call_arguments.hpp"

#include <fmt/format.h>

namespace rasconform::mock {

CallArguments::CallArguments(const CalloutInfo& callout, const ConnectionModel& model, const LinkModel* link)
    : CallArguments(callout, model, link, link ? std::u16string_view(link->port_name) : std::u16string_view()) {}

CallArguments::CallArguments(const CalloutInfo& callout, const ConnectionModel& model, std::u16string_view port_name)
    : CallArguments(callout, model, nullptr, port_name) {}

CallArguments::CallArguments(const CalloutInfo& callout, const ConnectionModel& model, const LinkModel* link,
                             std::u16string_view port_name)
    : callout_(callout), user_(model.user), port_(port_name) {
    // IPADDR-2 / Q-10: RRAS passes the address it picked; the model's choice.
    ipv4 = model.ipv4_address_dword();
    ipv6 = model.ipv6_offered ? model.ipv6_address() : winabi::IN6_ADDR{};  // IPV6-1
    for (Param p : callout.parameters()) {
        void* ptr = nullptr;
        switch (p) {
        case Param::RasConnection0: build(model, c0_); ptr = &c0_; break;
        case Param::RasConnection1: build(model, c1_); ptr = &c1_; break;
        case Param::RasConnection2: build(model, c2_); ptr = &c2_; break;
        case Param::RasConnection3: build(model, c3_); ptr = &c3_; break;
        case Param::RasConnectionEx: build(model, cex_); ptr = &cex_; break;
        case Param::RasPort0: build(model, *link, p0_); ptr = &p0_; break;
        case Param::RasPort1: build(model, *link, p1_); ptr = &p1_; break;
        case Param::UserName: ptr = user_.data(); break;  // NUL-terminated by std::u16string
        case Param::PortName: ptr = port_.data(); break;
        case Param::Ipv4Address: ptr = &ipv4; break;
        case Param::Ipv6Address: ptr = &ipv6; break;
        case Param::NotifyRelease: ptr = &notify_release; break;
        default: break;  // table, AUTH_VALIDATION_EX and NT 4.0 structures are not built from a connection
        }
        ptrs_[count_++] = ptr;
    }
}

std::string CallArguments::summary() const {
    std::string s;
    for (Param p : callout_.parameters()) {
        switch (p) {
        case Param::RasConnection0:
        case Param::RasConnection2:
        case Param::RasConnection3:
        case Param::RasConnectionEx:
            if (s.find("user=") == std::string::npos) s += fmt::format("user={} ", to_utf8(user_));
            break;
        case Param::RasPort0: s += fmt::format("port={} ", to_utf8(port_)); break;
        case Param::UserName: s += fmt::format("user={} ", to_utf8(user_)); break;
        case Param::PortName: s += fmt::format("port={} ", to_utf8(port_)); break;
        case Param::Ipv4Address: {
            const auto* b = reinterpret_cast<const std::uint8_t*>(&ipv4);
            s += fmt::format("ip={}.{}.{}.{} ", b[0], b[1], b[2], b[3]);
            break;
        }
        case Param::Ipv6Address:
            s += fmt::format("ipv6={:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}::/64 ", ipv6.Byte[0],
                             ipv6.Byte[1], ipv6.Byte[2], ipv6.Byte[3], ipv6.Byte[4], ipv6.Byte[5], ipv6.Byte[6],
                             ipv6.Byte[7]);
            break;
        default: break;
        }
    }
    if (!s.empty()) s.pop_back();
    return s;
}

}  // namespace rasconform::mock
