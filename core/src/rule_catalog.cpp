// The rule catalog is the single source of rule IDs: cases cite rules by ID
// and reports print the tag and summary from here, so every ID defined in
// ../shared/spec/ras-admin-dll.md section 3 appears exactly once, in spec
// order, with the spec's provenance tag(s) and a one-line paraphrase.
// The table is a constant array; nothing here allocates.
#include "rasconform/rules.hpp"

namespace rasconform {

namespace {

constexpr Rule kRules[] = {
    // 3.1 LOAD
    {"LOAD-1", "E", "Admin DLLs are found only via HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll; without that key, no callouts"},
    {"LOAD-2", "E", "DLLPath (REG_SZ) carries the full DLL path(s), DisplayName (REG_SZ) a friendly name"},
    {"LOAD-3", "E", "From Server 2003 DLLPath may list several full paths split by ';'; blanks around entries are trimmed"},
    {"LOAD-4", "E", "DisplayName stays a single name even when DLLPath lists several DLLs"},
    {"LOAD-5", "E", "Several DLLs are called in the order they appear in DLLPath (registry order) on every callout"},
    {"LOAD-6", "E", "Windows 2000/NT allow exactly one admin DLL; DLLPath is then taken whole as one path"},
    {"LOAD-7", "E", "A DLL that fails to load, or a failing call into it (e.g. missing export), is logged with its cause"},
    {"LOAD-8", "I", "Callouts are resolved by exact undecorated export names; x86 _Name@N decorations are not found"},
    {"LOAD-9", "I", "Registry values are plain REG_SZ; the mock expands %VAR% only when configured to (Q-22)"},
    {"LOAD-10", "E", "The DLL's installer must write the AdminDll values and its uninstaller must remove them"},

    // 3.2 EXPORT
    {"EXPORT-1", "E", "Must export AcceptNewLink, LinkHangupNotification, TerminateDll and InitializeDll (or InitializeDllEx)"},
    {"EXPORT-2", "E", "Must export at least one complete accept/hang-up connection pair: plain, 2, 3 or Ex"},
    {"EXPORT-3", "E/C", "One page also requires AcceptReauthentication or its Ex form; enforce for Vista+ in strict mode only"},
    {"EXPORT-4", "E", "If any required export is missing, the remote access service does not start"},
    {"EXPORT-5", "E", "IPv4 and IPv6 Get/Release address pairs are optional, but each pair is exported whole or not at all"},
    {"EXPORT-6", "E", "On Windows 2000 (and NT) the IPv4 GetIpAddressForUser/ReleaseIpAddress pair is mandatory"},
    {"EXPORT-7", "I", "Handling of a half-exported optional pair is unknown: strict mock refuses start, lenient ignores (Q-5)"},
    {"EXPORT-8", "I", "Exporting more than the minimum (e.g. several accept/hang-up pairs) is allowed; pair choice is Q-3"},

    // 3.3 INIT / TERM
    {"INIT-1", "E", "MprAdminInitializeDll is called at RRAS start-up, before any other callout into that DLL"},
    {"INIT-2", "E", "With several DLLs, initialization runs in registry order"},
    {"INIT-3", "E", "Init must return NO_ERROR; any other error code makes RRAS start-up fail"},
    {"INIT-4", "I", "Init failure handling is unknown (Q-6); mock stops, terminates earlier DLLs in reverse, fails start"},
    {"INIT-5", "I", "Init takes no arguments or context handle, so DLL state is process-global (one copy per process)"},
    {"TERM-1", "E", "MprAdminTerminateDll is called when RAS shuts down so the DLL can clean up"},
    {"TERM-2", "E", "Terminate returns NO_ERROR on success; other values are ignored by RRAS and logged by the mock"},
    {"TERM-3", "C/I", "Terminate order across DLLs is muddled in the docs; mock uses registry order, reverse optional (Q-7)"},
    {"TERM-4", "I", "No callout after Terminate returns; mock tears down live connections before Terminate (Q-7)"},

    // 3.4 EX
    {"EX-1", "E", "Win7/2008 R2+: a DLL may export InitializeDllEx and register callbacks in MPRAPI_ADMIN_DLL_CALLBACKS"},
    {"EX-2", "E", "Table revision 1 excludes RAS_CONNECTION_EX callbacks (mock ignores Ex slots); revision 2 enables them"},
    {"EX-3", "E", "Table: IPv4 and IPv6 get/release each both set or both NULL; a link slot and an Ex connection slot set"},
    {"EX-4", "C/I", "Table 'either/or' is looser than exports (Q-4): conformance wants both members, mock accepts one"},
    {"EX-5", "E", "InitializeDllEx failure works like InitializeDll: a result other than NO_ERROR stops RRAS start-up"},
    {"EX-6", "I", "DLL fills revision and pointers of the zeroed table during InitializeDllEx; revision 0 is flagged (Q-4)"},
    {"EX-7", "I", "If InitializeDllEx exists it replaces Init; table slots win, exports fill roles without a slot (Q-4)"},

    // 3.5 ORDER
    {"ORDER-1", "E/I", "Service order: Init for every DLL, then connection activity, then Terminate for every DLL"},
    {"ORDER-2", "E", "The accept-connection callout happens only after the user has passed RAS authentication"},
    {"ORDER-3", "E", "First AcceptNewLink is called once, right after an accept-connection that said TRUE, never after FALSE"},
    {"ORDER-4", "E", "Each extra link joining the connection triggers one more MprAdminAcceptNewLink"},
    {"ORDER-5", "E", "LinkHangupNotification fires for every link torn down, possibly mid-connection (multilink)"},
    {"ORDER-6", "E", "All link hang-ups of a connection come before that connection's hang-up notification"},
    {"ORDER-7", "I", "Canonical flow: [Get IP], accept, AcceptNewLink, reauth*, link hang-up, conn hang-up, [Release IP]"},
    {"ORDER-8", "I", "hConnection/hInterface agree across port and connection structures of one connection and one call"},
    {"ORDER-9", "I", "Reauthentication callouts occur only while the connection is up: after first link, before hang-up"},

    // 3.6 ACCEPT
    {"ACCEPT-1", "E", "Accept-connection callouts return TRUE to admit the connection and FALSE to refuse it"},
    {"ACCEPT-2", "E", "With several DLLs, accept is asked in registry order and admission needs TRUE from every DLL"},
    {"ACCEPT-3", "I", "Whether later DLLs are asked after a FALSE is unknown (Q-8); a DLL must not rely on either way"},
    {"ACCEPT-4", "E", "A refused connection never gets MprAdminAcceptNewLink"},
    {"ACCEPT-5", "E", "Accept structures are input only: the DLL must not write into them and must copy what it keeps"},
    {"ACCEPT-6", "E", "Accept callouts give the DLL each connection handle, usable later with the admin API outside callouts"},
    {"ACCEPT-7", "C", "AcceptNewConnectionEx does yield a BOOL verdict although its page claims it returns nothing"},

    // 3.7 LINK
    {"LINK-1", "E", "MprAdminAcceptNewLink returns TRUE to admit the link and FALSE to refuse it"},
    {"LINK-2", "E", "With several DLLs, links are offered in registry order and come up only if every DLL says TRUE"},
    {"LINK-3", "E/I", "Refusing the first link ends the connection even though accept-connection already returned TRUE"},
    {"LINK-4", "E", "Up to Win2000 no link hang-up for a refused link; later may send one, so DLLs must tolerate it"},
    {"LINK-5", "E", "Both link callouts receive RAS_PORT_0 and RAS_PORT_1 describing the port that carries the link"},
    {"LINK-6", "E", "With several DLLs, link hang-up notifications are delivered in registry order"},

    // 3.8 HANGUP
    {"HANGUP-1", "E", "Connection hang-up notification (no result) comes after the connection's last link is gone"},
    {"HANGUP-2", "E", "With several DLLs, connection hang-up notifications are delivered in registry order"},
    {"HANGUP-3", "E", "Up to Windows 2000 Server a connection refused at accept gets no hang-up (variants 1 and 2)"},
    {"HANGUP-4", "I", "Later versions may send a hang-up for a rejected connection; DLL copes without crash or double count"},
    {"HANGUP-5", "I", "After a multi-DLL rejection, who gets a hang-up is unknown (Q-9); mock notifies every DLL asked"},
    {"HANGUP-6", "E", "Hang-up variant N receives the same structure set as accept variant N (0+1, +2, +3, or EX)"},
    {"HANGUP-7", "I", "At most one connection hang-up per connection per DLL, and its counters hold final values"},

    // 3.9 VARIANT
    {"VARIANT-1", "E", "Accept and hang-up variants pair up 1-1, 2-2, 3-3, Ex-Ex; at least one complete pair is required"},
    {"VARIANT-2", "E", "Variants 1/2 since Win2000, 3 since Vista/2008, Ex since Win7/2008 R2; never call one newer than OS"},
    {"VARIANT-3", "I", "With several full pairs the choice is unknown (Q-3); mock picks newest supported, DLL must not care"},
    {"VARIANT-4", "I", "A connection's hang-up uses the partner of the accept variant used for that DLL; never mixed"},
    {"VARIANT-5", "E", "Variant 2 adds RAS_CONNECTION_2, variant 3 adds RAS_CONNECTION_3, Ex passes one RAS_CONNECTION_EX"},
    {"VARIANT-6", "I", "Variant is chosen per DLL; all structure sets derive from one connection model and must agree"},
    {"VARIANT-7", "E", "The callback table has slots only for the Ex connection callouts"},

    // 3.10 MULTI
    {"MULTI-1", "E", "More than one admin DLL is supported after Windows 2000; Windows 2000/NT allow only one"},
    {"MULTI-2", "E", "Init, accept 1/2/3, AcceptNewLink, LinkHangup and hang-up 1/2/3 go to DLLs in registry order"},
    {"MULTI-3", "E", "Connection and link admission succeed only if every DLL answers TRUE (logical AND)"},
    {"MULTI-4", "E", "IPv4 Get/Release go only to the first DLL in registry order that exports them; others are ignored"},
    {"MULTI-5", "I", "The first implementing DLL is fixed at load time, chosen separately for the IPv6 pair (Q-13)"},
    {"MULTI-6", "I", "Reauth and Ex callouts have no multi-DLL text; assume registry order and AND of answers (Q-8)"},

    // 3.11 IPADDR
    {"IPADDR-1", "E", "GetIpAddressForUser is called once per user needing an address, after authentication, with RRAS's pick"},
    {"IPADDR-2", "E", "*lpdwIpAddress in: 0 or RRAS's pick; on 0 the DLL must supply one or the user can't connect"},
    {"IPADDR-3", "E", "*bNotifyRelease TRUE requests ReleaseIpAddress at disconnect; the DLL must always write this output"},
    {"IPADDR-4", "E", "GetIpAddressForUser returns NO_ERROR on success; any other value terminates the connection"},
    {"IPADDR-5", "E", "Without a Get/Release implementation RRAS assigns addresses from its static pool or DHCP"},
    {"IPADDR-6", "E", "ReleaseIpAddress is called at disconnect, before the address is freed, with user, port and address"},
    {"IPADDR-7", "I", "Release gets the same user/port strings as Get and the address that Get finally produced"},
    {"IPADDR-8", "E", "Get and Release form one serialization group: while either runs, no call to either starts"},
    {"IPADDR-9", "E", "IPv4 Get/Release are delivered to the first implementing DLL only"},
    {"IPADDR-10", "E", "IP callouts run in a different process from connect/disconnect callouts; no shared in-memory state"},
    {"IPADDR-11", "I", "Get vs accept order is undocumented (Q-10); mock calls Get before accept by default, configurable"},
    {"IPADDR-12", "I", "Release vs connection hang-up order is undocumented; mock releases after hang-up, DLL handles both"},
    {"IPADDR-13", "I", "DWORD address byte order is unknown (Q-11); mock uses IN_ADDR network order, tests asymmetric values"},
    {"IPADDR-14", "I", "An address granted with bNotifyRelease TRUE is released even if the connection is then refused (Q-12)"},
    {"IPADDR-15", "E", "User and port names passed to the IPv4 address callouts are UTF-16 WCHAR strings"},

    // 3.12 IPV6
    {"IPV6-1", "E", "GetIpv6AddressForUser mirrors IPv4: once per user, zero or RRAS's pick in; zero must be filled"},
    {"IPV6-2", "E", "Only 64-bit interface identifiers are supported; mock puts the identifier in bytes 8..15 (Q-11)"},
    {"IPV6-3", "E", "*bNotifyRelease TRUE requests ReleaseIpv6AddressForUser at disconnect; FALSE means no notification"},
    {"IPV6-4", "E", "GetIpv6AddressForUser returns NO_ERROR on success; any other value terminates the connection"},
    {"IPV6-5", "E", "The IPv6 Get/Release callouts are optional but must come together (exports and callback table)"},
    {"IPV6-6", "E", "IPv6 address callouts exist only on Windows Server 2008 and later, on no client OS"},
    {"IPV6-7", "I", "IPv4's first-DLL-only, group serialization and separate-process rules also apply to IPv6 (Q-13)"},
    {"IPV6-8", "C", "ReleaseIpv6AddressForUser is void although its page documents a DWORD; the mock ignores any result"},

    // 3.13 REAUTH
    {"REAUTH-1", "E", "AcceptReauthentication(Ex) runs on each quarantine-state change and decides if the user stays on"},
    {"REAUTH-2", "E", "Reauthentication callouts return TRUE to accept and FALSE to reject"},
    {"REAUTH-3", "E", "The NAP quarantine state is in RAS_CONNECTION_3.rasQuarState (Ex: RAS_CONNECTION_EX.rasQuarState)"},
    {"REAUTH-4", "E", "timer/probationTime matters only in probation: the deadline to leave quarantine or be dropped"},
    {"REAUTH-5", "I", "Effect of a FALSE reauthentication answer is unknown (Q-25); mock tears the connection down fully"},
    {"REAUTH-6", "E", "One doc page makes one of the two reauthentication callouts a required export (see EXPORT-3)"},
    {"REAUTH-7", "E", "The admin-API re-entrancy ban documented for AcceptReauthentication also covers the Ex form"},

    // 3.14 REENTRY
    {"REENTRY-1", "E", "Callouts must not call RAS Administration or RAS User Administration APIs; such calls never return"},
    {"REENTRY-2", "I", "The admin-API ban covers every callout, incl. Init/Terminate, Ex forms, IPv6 and undocumented slots"},
    {"REENTRY-3", "E", "Banned: MprAdminConnection*/MprAdminPort* calls, shared server helpers (Q-20), user-admin APIs"},
    {"REENTRY-4", "I", "Mock detects banned API calls made inside a callout: blocks (faithful) or fails and records a violation"},
    {"REENTRY-5", "I", "Work needing banned APIs (port disconnect, user message) is queued to a DLL thread, run after return"},

    // 3.15 SERIAL
    {"SERIAL-1", "E", "RRAS never overlaps two calls of the same callout; the next starts only after the previous returns"},
    {"SERIAL-2", "E", "GetIpAddressForUser and ReleaseIpAddress share one serialization group"},
    {"SERIAL-3", "E", "AcceptNewConnection and ConnectionHangupNotification share one serialization group (also 2/3/Ex)"},
    {"SERIAL-4", "I", "Other callout combinations may run concurrently (Q-2); the DLL must be thread-safe for them"},
    {"SERIAL-5", "I", "Whether callouts into different DLLs may overlap is undocumented (Q-2)"},
    {"SERIAL-6", "I", "Callouts hold up other clients, so they must be short and non-blocking; no timeout known (Q-23)"},
    {"SERIAL-7", "I", "Calling thread is unspecified (Q-1): no reliance on thread identity, TLS across calls, COM apartment"},

    // 3.16 PROC
    {"PROC-1", "E", "IP address callouts and connection/disconnection notifications run in two different processes"},
    {"PROC-2", "I", "The DLL is loaded and initialized in both processes; mock split mode runs two instances (Q-14)"},
    {"PROC-3", "I", "State shared between the two process groups must go through an out-of-process mechanism"},

    // 3.17 VERSION
    {"VERSION-1", "E", "Each callout and structure has a minimum OS version (callouts: table 2.2, structures: 4.4)"},
    {"VERSION-2", "E", "NT 4.0 RasAdmin* admin DLLs stop working on Windows 2000 Server and later"},
    {"VERSION-3", "E", "Up to Win2000 Server: no connection hang-up after a rejected accept, no link hang-up after refusal"},
    {"VERSION-4", "E", "Windows 2000: the IPv4 address pair is mandatory and only one admin DLL can be configured"},
    {"VERSION-5", "E", "NBFCP data only before Server 2003, IPXCP only on 32-bit <= Server 2003; else mock zero-fills (Q-26)"},
    {"VERSION-6", "H", "RAS_FLAGS_RAS_CONNECTION (0x4) exists only for WINVER < 0x0501, RAS_FLAGS_DORMANT (0x20) for >= 0x0601"},
    {"VERSION-7", "H", "Header gates structures and callouts on WINVER 0x0500/0x0600/0x0601/0x0603 and NTDDI_WIN8"},
    {"VERSION-8", "E", "RAS_CONNECTION_4 and the *PROJECTION_INFO2 types are Server 2012+ and never passed to a callout"},

    // 3.18 STRUCT
    {"STRUCT-1", "E", "dwConnectionFlags always has at least one documented RAS_FLAGS_* bit set"},
    {"STRUCT-2", "E", "RAS_CONNECTION_EX.Header: revision 1, type 1 (RAS connection), size = sizeof (1672 x64, 1664 x86)"},
    {"STRUCT-3", "E", "An incoming connection's GUID is valid only for as long as that connection exists"},
    {"STRUCT-4", "E", "timer / probationTime carry meaning only when the quarantine state is RAS_QUAR_STATE_PROBATION"},
    {"STRUCT-5", "E", "IPCP info is server-side: wszAddress is the server's, wszRemoteAddress the client's; empty if unknown"},
    {"STRUCT-6", "E", "Each control-protocol result has dwError: 0 when negotiated, otherwise the fatal negotiation error"},
    {"STRUCT-7", "E", "LCP terminate-reason fields (PPP_LCP_INFO and projection dwLcp*TerminateReason) are always 0"},
    {"STRUCT-8", "E", "PPP_IPV6_CP_INFO dwOptions and dwRemoteOptions are reserved and always 0"},
    {"STRUCT-9", "E", "EAP type fields are valid only with EAP authentication; dwEmbeddedEAPTypeId only for outer PEAP"},
    {"STRUCT-10", "E", "dwNumSwitchOvers has meaning only for IKEv2 connections (RAS_FLAGS_IKEV2_CONNECTION)"},
    {"STRUCT-11", "E", "projectionInfoType selects the union member: 1 = PPP (PPP flag), 2 = IKEv2 (IKEv2 flag)"},
    {"STRUCT-12", "E", "Projection addresses and IPv6 ids are valid only if their negotiation error is 0; valid ids non-zero"},
    {"STRUCT-13", "E", "RAS_PORT_1 byte counters count bytes after compression"},
    {"STRUCT-14", "E", "RAS_CONNECTION_3 and PPP_IPV6_CP_INFO dwSize = sizeof the struct; dwVersion values unknown (Q-16)"},
    {"STRUCT-15", "E", "AUTH_VALIDATION_EX.Header is revision 1, type 4; AuthInfo is a trailing array of AuthInfoSize bytes"},
    {"STRUCT-16", "E", "wsz* members are NUL-terminated UTF-16 in fixed N+1 WCHAR arrays; mock zero-fills, DLL never writes"},
    {"STRUCT-17", "E", "Flags: MESSENGER_PRESENT = user message reachable, QUARANTINE_PRESENT = quarantined, DORMANT = IKEv2 lost"},
    {"STRUCT-18", "I", "Pointers handed to a callout are valid only for the duration of that call (Q-15)"},

    // 3.19 HDR
    {"HDR-1", "H/C", "Hang-up-3 typedef takes RAS_CONNECTION_3 by value; use the pointer form from prototype and docs"},
    {"HDR-2", "H/C", "ReleaseIpv6AddressForUser prototype lacks APIENTRY, its typedef has it: x86 cdecl vs stdcall (Q-28)"},
    {"HDR-3", "C", "AcceptNewConnectionEx page says no return value, but the header and typedef return BOOL"},
    {"HDR-4", "C", "ReleaseIpv6AddressForUser page documents a DWORD result, but the header declares VOID"},
    {"HDR-5", "C", "Docs give ARAP and IKEV2 connection flags the same 0x10; mock uses it for IKEv2, never ARAP (Q-19)"},
    {"HDR-6", "C", "PPP_LCP_INFO page names RASLCPO_* bits, shifted vs mprapi.h PPP_LCP_*; use PPP_LCP_* values (Q-19)"},
    {"HDR-7", "C", "RAS_CONNECTION_4 page calls the 64-bit byte counters frame counts and leaves frame fields blank"},
    {"HDR-8", "C", "The MprAdminTerminateDll remark wrongly refers to MprAdminInitializeDll"},
    {"HDR-9", "C", "ReleaseIpAddress page has a stray link hang-up remark and parameter text copied from the Get page"},
    {"HDR-10", "C", "MprAdminInitializeDllEx description wrongly says RRAS calls MprAdminInitializeDll"},
    {"HDR-11", "H", "Keep header spellings: PMPRADMINRELEASEIPADRESS, lpfnMprAdminReleaseIpV6AddressForUser, lpdwIpv6Address"},
    {"HDR-12", "C", "ERROR_PPP_NOT_CONVERGING (732) listed among CCP option values is an error code, not an option bit"},
    {"HDR-13", "C", "Projection docs word addresses client-side; server side: wszAddress = server, remote = client (Q-19)"},

    // 3.20 LEGACY
    {"LEGACY-1", "E", "NT 4.0 interface: four RasAdmin* callouts, all mandatory; any missing stops RAS from starting"},
    {"LEGACY-2", "E", "NT 4.0 interface uses the same registry key and values, with a single DLL only"},
    {"LEGACY-3", "E", "RasAdminReleaseIpAddress runs only if Get set bNotifyRelease TRUE; no extended error info"},
    {"LEGACY-4", "E", "NT 4.0 interface has the same serialization groups and two-process split as the modern one"},
    {"LEGACY-5", "E", "NT 4.0 admin DLLs do not work on Windows 2000 Server or later"},

    // 3.21 ROBUST
    {"ROBUST-1", "I", "No SEH/C++ exception escapes a callout and it never ends the process; mock treats as refusal (Q-24)"},
    {"ROBUST-2", "I", "Every callout returns promptly; mock budget 2 s per call (configurable), overrun fails the case"},
    {"ROBUST-3", "I", "After Terminate and unload no DLL code runs: no threads, timers, pool work, waits, windows or hooks"},
    {"ROBUST-4", "I", "Per-connection resources are bounded: memory, handles, threads stay flat after full teardowns"},
    {"ROBUST-5", "I", "The DLL keeps no pointer to callout arguments after return; mock poisons/unmaps argument memory"},
    {"ROBUST-6", "I", "DLL tolerates every documented input value and edge case (flags, empty/max strings, zeros)"},
};

}  // namespace

std::span<const Rule> rule_catalog()
{
    return kRules;
}

const Rule* find_rule(std::string_view id)
{
    for (const Rule& rule : kRules) {
        if (rule.id == id) {
            return &rule;
        }
    }
    return nullptr;
}

}  // namespace rasconform
