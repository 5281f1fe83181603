#include "conformance/rule_scope.hpp"

#include <algorithm>
#include <array>

namespace rasconform::conformance {

std::string_view to_string(Untestable u) {
    switch (u) {
    case Untestable::caller: return "caller";
    case Untestable::data: return "data";
    case Untestable::documentation: return "documentation";
    case Untestable::installer: return "installer";
    case Untestable::legacy: return "legacy";
    case Untestable::guidance: return "guidance";
    case Untestable::undecidable: return "undecidable";
    }
    return "?";
}

namespace {

using U = Untestable;

// "engine" below: mock/service.cpp; "trace checker": core/trace_checker.cpp,
// run on every simulate and stress run and tested rule by rule.
constexpr std::array scopes{
    RuleScope{"LOAD-1", U::caller, "how RRAS finds DLLs (registry key); simulate --installed, the deployment of every run (rasconform/deployment.hpp) and the registry tests"},
    RuleScope{"LOAD-2", U::caller, "value types of the registry key; read and checked by the registry reader"},
    RuleScope{"LOAD-3", U::caller, "DLLPath list parsing; core/dll_path and its tests"},
    RuleScope{"LOAD-4", U::caller, "DisplayName is one name; registry content, not DLL behaviour"},
    RuleScope{"LOAD-5", U::caller, "registry order of calls; engine, trace checker"},
    RuleScope{"LOAD-6", U::caller, "Windows 2000 reads one path; core/dll_path in the w2000 profile"},
    RuleScope{"LOAD-9", U::caller, "no environment expansion in DLLPath; core/dll_path"},
    RuleScope{"LOAD-10", U::installer, "the setup program registers and removes the values; not visible in the DLL"},
    RuleScope{"INIT-1", U::caller, "Init comes first; engine, trace checker"},
    RuleScope{"INIT-2", U::caller, "Init in registry order; engine, trace checker"},
    RuleScope{"INIT-4", U::caller, "what RRAS does after an Init failure (Q-6); engine"},
    RuleScope{"TERM-3", U::caller, "Terminate order across DLLs (Q-7); engine, both orders selectable"},
    RuleScope{"ORDER-1", U::caller, "service-level order Init, activity, Terminate; engine, trace checker"},
    RuleScope{"ORDER-2", U::caller, "accept after authentication; RRAS-internal, the engine starts at accept"},
    RuleScope{"ORDER-4", U::caller,
              "one AcceptNewLink per added link; engine (cases add links; a DLL failing on them fails robust.no-fault)"},
    RuleScope{"ORDER-5", U::caller,
              "link hang-ups mid-connection; engine, trace checker (robust.no-fault drops links mid-connection)"},
    RuleScope{"ORDER-8", U::data, "handles consistent across the structures of a call; structure builder tests"},
    RuleScope{"ORDER-9", U::caller, "reauthentication only while the connection is up; engine, trace checker"},
    RuleScope{"ACCEPT-2", U::caller, "registry order and AND of the accept answers; engine, trace checker"},
    RuleScope{"ACCEPT-6", U::caller, "the handle may be used with the admin API outside callouts; the REENTRY "
                                     "detector lets such calls through and acts on them"},
    RuleScope{"LINK-2", U::caller, "registry order and AND of link answers; engine, trace checker"},
    RuleScope{"LINK-3", U::caller, "a refused first link stops the connection; engine, trace checker"},
    RuleScope{"LINK-5", U::data, "both link callouts get RAS_PORT_0 and RAS_PORT_1; callout catalog, builder"},
    RuleScope{"LINK-6", U::caller, "link hang-ups in registry order; engine, trace checker"},
    RuleScope{"HANGUP-1", U::caller, "hang-up after the last link; engine, trace checker"},
    RuleScope{"HANGUP-2", U::caller, "hang-ups in registry order; engine, trace checker"},
    RuleScope{"HANGUP-6", U::caller, "hang-up variant N gets accept variant N's structures; callout catalog"},
    RuleScope{"HANGUP-7", U::caller, "one hang-up per connection and DLL; engine, trace checker"},
    RuleScope{"VARIANT-2", U::caller, "no variant newer than the emulated Windows; profiles, trace checker"},
    RuleScope{"VARIANT-5", U::data, "what each variant adds; callout catalog and ABI mirrors"},
    RuleScope{"VARIANT-6", U::caller, "variant chosen per DLL, all built from one model; engine, builder tests"},
    RuleScope{"VARIANT-7", U::caller, "only the Ex connection callouts have table slots; callout catalog"},
    RuleScope{"MULTI-1", U::caller, "how many DLLs a Windows version loads; profiles"},
    RuleScope{"MULTI-2", U::caller, "registry order of the multi-DLL callouts; engine, trace checker"},
    RuleScope{"MULTI-4", U::caller, "address callouts to the first implementing DLL only; engine, trace checker"},
    RuleScope{"MULTI-5", U::caller, "first implementing DLL chosen once, IPv6 independently; engine"},
    RuleScope{"MULTI-6", U::caller, "reauthentication and Ex callouts follow registry order and AND; engine"},
    RuleScope{"IPADDR-1", U::caller, "one Get per user needing an address; engine, trace checker"},
    RuleScope{"IPADDR-4", U::caller, "an error from Get ends the connection; engine"},
    RuleScope{"IPADDR-5", U::caller, "without the pair RRAS uses its own pool; nothing to call"},
    RuleScope{"IPADDR-6", U::caller, "Release at disconnect with user, port and address; engine"},
    RuleScope{"IPADDR-7", U::caller, "Release carries Get's strings and resulting address; engine, trace checker"},
    RuleScope{"IPADDR-8", U::caller, "Get and Release serialized as one group; engine, trace checker"},
    RuleScope{"IPADDR-9", U::caller, "first implementing DLL only (MULTI-4); engine"},
    RuleScope{"IPADDR-13", U::undecidable,
              "byte order of the address is undocumented (Q-11): no value a DLL returns can be judged wrong"},
    RuleScope{"IPADDR-15", U::data, "user and port names are UTF-16; callout catalog, builder"},
    RuleScope{"IPV6-2", U::undecidable,
              "which half of the IN6_ADDR carries the identifier is undocumented (Q-11)"},
    RuleScope{"IPV6-4", U::caller, "an error from the IPv6 Get ends the connection; engine"},
    RuleScope{"IPV6-6", U::caller, "IPv6 callouts from Server 2008 on; profiles"},
    RuleScope{"IPV6-7", U::caller, "IPv6 first-DLL-only, grouping and process as IPv4 (Q-13); engine"},
    RuleScope{"IPV6-8", U::documentation, "the Release page documents a DWORD result the prototype does not have"},
    RuleScope{"REAUTH-1", U::caller, "a reauthentication callout per quarantine state change; engine"},
    RuleScope{"REAUTH-3", U::data, "the state is reported in rasQuarState; builder tests"},
    RuleScope{"REAUTH-4", U::data, "timer/probationTime meaningful in probation only; builder tests"},
    RuleScope{"REAUTH-5", U::caller, "FALSE disconnects (Q-25); engine"},
    RuleScope{"REENTRY-4", U::caller, "how the mock's admin API reacts to a call from a callout; the detector itself"},
    RuleScope{"REENTRY-5", U::guidance, "queue admin calls to a thread of the DLL; advice, not an obligation"},
    RuleScope{"SERIAL-1", U::caller, "a callout never overlaps itself; engine and stress scheduler, trace checker"},
    RuleScope{"SERIAL-2", U::caller, "IPv4 Get/Release grouped; engine and stress scheduler, trace checker"},
    RuleScope{"SERIAL-3", U::caller, "accept/hang-up grouped; engine and stress scheduler, trace checker"},
    RuleScope{"VERSION-1", U::caller, "minimum versions of callouts and structures; callout catalog, profiles"},
    RuleScope{"VERSION-4", U::caller, "Windows 2000: IPv4 pair mandatory, one DLL; profiles (export.ip-pairs "
                                      "checks the DLL side)"},
    RuleScope{"VERSION-6", U::documentation, "header gating of flag constants"},
    RuleScope{"VERSION-7", U::documentation, "header gating of structures and prototypes"},
    RuleScope{"VERSION-8", U::data, "structures no callout receives"},
    RuleScope{"STRUCT-1", U::data, "a documented connection flag is always set; builder tests"},
    RuleScope{"STRUCT-2", U::data, "RAS_CONNECTION_EX header values; builder tests"},
    RuleScope{"STRUCT-3", U::data, "the connection GUID's lifetime; engine"},
    RuleScope{"STRUCT-4", U::data, "timer meaningful in probation only; builder tests"},
    RuleScope{"STRUCT-5", U::data, "IPCP addresses from the server's side; builder tests"},
    RuleScope{"STRUCT-6", U::data, "dwError of each control protocol; builder tests"},
    RuleScope{"STRUCT-7", U::data, "LCP terminate reasons zero; builder tests"},
    RuleScope{"STRUCT-8", U::data, "IPv6CP options zero; builder tests"},
    RuleScope{"STRUCT-9", U::data, "EAP fields only with EAP; builder tests"},
    RuleScope{"STRUCT-10", U::data, "switch-overs only for IKEv2; builder tests"},
    RuleScope{"STRUCT-11", U::data, "projection type matches the connection flags; builder tests"},
    RuleScope{"STRUCT-12", U::data, "projection strings valid when negotiated; builder tests"},
    RuleScope{"STRUCT-13", U::data, "port byte counters count compressed bytes; builder"},
    RuleScope{"STRUCT-14", U::data, "dwSize/dwVersion values; builder tests"},
    RuleScope{"STRUCT-15", U::data, "AUTH_VALIDATION_EX header; no callout of the suite receives it"},
    RuleScope{"STRUCT-17", U::data, "meaning of the presence flags; builder"},
    RuleScope{"HDR-1", U::documentation, "a typedef takes RAS_CONNECTION_3 by value; the engine calls the pointer form"},
    RuleScope{"HDR-4", U::documentation, "the IPv6 Release page documents a DWORD result; the header says VOID"},
    RuleScope{"HDR-5", U::documentation, "two flags documented with one value; the engine uses 0x10 for IKEv2"},
    RuleScope{"HDR-6", U::documentation, "LCP option names from ras.h on the page; the engine uses PPP_LCP_*"},
    RuleScope{"HDR-7", U::documentation, "RAS_CONNECTION_4 counter descriptions swapped"},
    RuleScope{"HDR-8", U::documentation, "the Terminate page names InitializeDll"},
    RuleScope{"HDR-9", U::documentation, "the Release page has text pasted from other pages"},
    RuleScope{"HDR-10", U::documentation, "the InitializeDllEx page says InitializeDll is called"},
    RuleScope{"HDR-11", U::documentation, "spellings in the header (one-D typedef, IpV6 field name)"},
    RuleScope{"HDR-12", U::documentation, "an error code listed among option bits"},
    RuleScope{"HDR-13", U::documentation, "client-side wording of projection addresses"},
    RuleScope{"LEGACY-2", U::legacy, "NT 4.0 registry use; export.legacy-interface flags an NT 4.0 DLL"},
    RuleScope{"LEGACY-3", U::legacy, "NT 4.0 Release semantics; never called on supported Windows"},
    RuleScope{"LEGACY-4", U::legacy, "NT 4.0 serialization and process split; never called on supported Windows"},
};

}  // namespace

std::span<const RuleScope> untestable_rules() { return scopes; }

const RuleScope* find_untestable(std::string_view rule) {
    auto it = std::find_if(scopes.begin(), scopes.end(), [&](const RuleScope& s) { return s.rule == rule; });
    return it == scopes.end() ? nullptr : &*it;
}

}  // namespace rasconform::conformance
