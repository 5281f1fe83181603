// VARIANT-3: which complete accept/hang-up pair RRAS uses when a DLL
// exports several is undocumented, so the DLL must decide the same whichever
// it gets. The case plays one scenario once per complete pair the profile
// offers and compares the DLL's answers, connection by connection and link
// by link. Rejecting is policy; answering differently per variant is the bug.
#include <fmt/format.h>

#include <set>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"
#include "rasconform/utf16.hpp"

namespace rasconform::conformance {
namespace {

// Users a policy plausibly keys on (ordinary, guest, administrator, empty
// domain), each with a second link when admitted.
void decisions_for_some_users(mock::Service& s, std::vector<std::string>& out) {
    for (const char16_t* user : {u"alice", u"guest", u"Administrator", u"bob"}) {
        ConnectionModel m;
        m.user = user;
        if (m.user == u"bob") m.domain.clear();
        m.links.push_back(LinkModel{});
        mock::ConnectResult r = s.connect(m);
        const std::string name = to_utf8(m.user);
        out.push_back(fmt::format("{}: {}", name, r.admitted ? "admitted" : "refused"));
        if (!r.admitted) continue;
        LinkModel second;
        second.port_name = u"VPN1-1";
        out.push_back(fmt::format("{}'s second link: {}", name, s.add_link(r.connection, second) ? "admitted" : "refused"));
        s.hang_up(r.connection);
    }
}

CaseInfo same_answers_for_every_variant() {
    CaseInfo c{"variant.same-answers", {"VARIANT-3", "VARIANT-4", "EXPORT-8"},
               "a DLL exporting several complete accept/hang-up pairs admits and refuses the same connections and "
               "links whichever pair RRAS uses",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        struct Played {
            Variant variant;
            std::vector<std::string> decisions;
            ScenarioOutcome outcome;
        };
        std::vector<Played> played;
        std::set<Variant> seen;
        for (Variant v : all_variants) {
            std::optional<Variant> used;
            std::vector<std::string> decisions;
            ScenarioSpec spec;
            spec.options.forced_variant = v;  // VARIANT-3: falls back to the newest complete pair
            spec.body = [&](mock::Service& s) {
                used = s.variant_of(0);
                decisions_for_some_users(s, decisions);
            };
            ScenarioOutcome o = run_scenario(ctx, std::move(spec));
            if (!o.start.started) return conclude(c, o, "", "");
            if (used && seen.insert(*used).second) played.push_back({*used, std::move(decisions), std::move(o)});
        }
        if (played.size() < 2)
            return result_for(c, Status::not_applicable,
                              fmt::format("{} exports one complete accept/hang-up pair the {} profile uses",
                                          ctx.subject_name, ctx.profile.name));
        std::vector<std::string> differences;
        const Played& first = played.front();
        for (const Played& p : played) {
            if (p.decisions == first.decisions) continue;
            for (std::size_t i = 0; i < std::min(p.decisions.size(), first.decisions.size()); ++i)
                if (p.decisions[i] != first.decisions[i]) {
                    differences.push_back(fmt::format("variant {}: {} but variant {}: {}", to_string(first.variant),
                                                      first.decisions[i], to_string(p.variant), p.decisions[i]));
                    break;
                }
            if (p.decisions.size() != first.decisions.size() && differences.empty())
                differences.push_back(fmt::format("variants {} and {} saw different numbers of decisions",
                                                  to_string(first.variant), to_string(p.variant)));
        }
        std::string failure;
        if (!differences.empty())
            failure = fmt::format("{} answers differently depending on the accept variant RRAS uses ({}); RRAS may "
                                  "use any complete pair, expected the same decisions [VARIANT-3]",
                                  ctx.subject_name, fmt::join(differences, "; "));
        std::vector<std::string> names;
        for (const Played& p : played) names.push_back(std::string(to_string(p.variant)));
        return conclude(c, played.back().outcome, failure,
                        fmt::format("the same decisions with variants {}", fmt::join(names, ", ")));
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> variant_cases() { return {same_answers_for_every_variant()}; }

}  // namespace rasconform::conformance
