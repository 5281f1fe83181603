#include "conformance/sequence_svg.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>

#include <fmt/format.h>

#include "conformance/markup.hpp"

namespace rasconform::conformance {
namespace {

// Geometry in pixels. Labels are 12 px monospace, about 7.3 px a character.
// A call's labels may run past the lifeline it points at (each row has its
// own height, and a halo keeps text readable over lines), up to the right
// edge: the outcome of the offending call is the one thing not to cut.
constexpr double char_px = 7.3;
constexpr int engine_x = 130;
constexpr int lane_gap = 380;
constexpr int head_y = 12;
constexpr int head_h = 30;
constexpr int head_w = 220;
constexpr int first_row_y = 84;
constexpr int row_h = 46;
constexpr int margin = 24;
constexpr int min_width = 1000;
// A soak can trace thousands of calls; past this many the diagram shows the
// ones around the first highlighted call (the table and JSON keep them all).
constexpr std::size_t max_drawn = 300;

const char* const engine_name = "RRAS (rasconform)";

bool names_callout(std::string_view message, std::string_view name) {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    for (std::size_t at = message.find(name); at != std::string_view::npos; at = message.find(name, at + 1)) {
        const std::size_t end = at + name.size();
        if ((at == 0 || !word(message[at - 1])) && (end == message.size() || !word(message[end]))) return true;
    }
    return false;
}

std::size_t room(int from_x, int to_x) {
    const int span = std::abs(to_x - from_x) - 20;
    return span <= 0 ? 1 : static_cast<std::size_t>(span / char_px);
}

std::string outcome_text(const TraceEvent& e) {
    if (e.outcome.returned()) {
        std::string s = info(e.callout).returns == Returns::none ? "returned" : describe(e.outcome);
        if (!e.outcome.input_writes.empty())
            s += fmt::format(", wrote [in] {}", fmt::join(e.outcome.input_writes, ", "));
        if (!e.outcome.blocking_calls.empty())
            s += fmt::format(", called {}", fmt::join(e.outcome.blocking_calls, ", "));
        return s;
    }
    const std::string what = describe(e.outcome);
    const std::string kind(to_string(e.outcome.kind));
    return what.empty() || what.rfind(kind, 0) == 0 ? (what.empty() ? kind : what) : kind + ": " + what;
}

std::string handles(const TraceEvent& e) {
    std::string s;
    if (e.connection) s += fmt::format("conn 0x{:x}", e.connection);
    if (e.link) s += fmt::format("{}link 0x{:x}", s.empty() ? "" : "  ", e.link);
    return s;
}

std::string text(int x, int y, std::string_view cls, std::string_view content, std::string_view anchor = "start") {
    return fmt::format("<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>", cls, x, y, anchor,
                       escape_markup(content));
}

}  // namespace

std::vector<std::size_t> offending_events(const Trace& trace, std::string_view message) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < trace.size(); ++i)
        if (!trace[i].outcome.returned() || !trace[i].outcome.input_writes.empty() ||
            !trace[i].outcome.blocking_calls.empty())
            out.push_back(i);
    if (!out.empty() || trace.empty()) return out;

    std::optional<std::uint64_t> connection;
    static const std::regex conn_re(R"(connection (0x[0-9a-fA-F]+))");
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(message.begin(), message.end(), m, conn_re))
        connection = std::stoull(m[1].str(), nullptr, 16);
    std::optional<std::size_t> best;
    bool best_on_connection = false;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        if (!names_callout(message, info(trace[i].callout).name)) continue;
        const bool on_connection = connection && trace[i].connection == *connection;
        if (on_connection || !best_on_connection) best = i, best_on_connection = on_connection;
    }
    out.push_back(best.value_or(trace.size() - 1));
    return out;
}

std::string sequence_svg(const Trace& trace, const std::vector<std::size_t>& highlight, std::string_view title) {
    // Which slice is drawn: all of it, or max_drawn calls around the first highlighted one.
    std::size_t first = 0, last = trace.size();
    if (trace.size() > max_drawn) {
        const std::size_t focus = highlight.empty() ? trace.size() - 1 : highlight.front();
        first = focus > max_drawn / 2 ? focus - max_drawn / 2 : 0;
        first = std::min(first, trace.size() - max_drawn);
        last = first + max_drawn;
    }

    // Lifelines: the engine, then each DLL instance in order of first call.
    std::vector<std::string> lanes;
    for (std::size_t i = first; i < last; ++i)
        if (std::find(lanes.begin(), lanes.end(), trace[i].dll) == lanes.end()) lanes.push_back(trace[i].dll);
    auto lane_x = [&](const std::string& dll) {
        auto at = std::find(lanes.begin(), lanes.end(), dll) - lanes.begin();
        return engine_x + lane_gap * static_cast<int>(at + 1);
    };

    const bool sliced = first > 0 || last < trace.size();
    const int top = first_row_y + (sliced ? 18 : 0);
    const int width = std::max(engine_x + lane_gap * static_cast<int>(lanes.size()) + head_w / 2 + margin, min_width);
    const int height = top + row_h * static_cast<int>(last - first) + margin;

    std::string svg = fmt::format(
        "<svg class=\"sequence\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" font-family=\"monospace\" font-size=\"12\">\n<title>{2}</title>\n",
        width, height, escape_markup(title));

    // Bands first, so that they lie under the lifelines and arrows.
    for (std::size_t i : highlight)
        if (i >= first && i < last)
            svg += fmt::format("<rect class=\"band\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffebe9\"/>\n",
                               top + row_h * static_cast<int>(i - first) - row_h / 2 - 1, width, row_h);

    auto lifeline = [&](int x, std::string_view name, std::string_view cls) {
        svg += fmt::format(
            "<g class=\"{}\"><title>{}</title>"
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#8c959f\" stroke-dasharray=\"4 4\"/>"
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#f6f8fa\" stroke=\"#57606a\"/>{}</g>\n",
            cls, escape_markup(name), x, head_y + head_h, x, height - margin / 2, x - head_w / 2, head_y, head_w, head_h,
            text(x, head_y + 19, "lane-name", shorten(name, room(0, head_w)), "middle"));
    };
    lifeline(engine_x, engine_name, "lane engine");
    for (const std::string& dll : lanes) lifeline(lane_x(dll), dll, "lane dll");

    if (sliced)
        svg += text(engine_x - head_w / 2, first_row_y - 4, "slice",
                    fmt::format("calls #{} to #{} of {} shown", trace[first].seq, trace[last - 1].seq, trace.size()));

    for (std::size_t i = first; i < last; ++i) {
        const TraceEvent& e = trace[i];
        const bool hot = std::find(highlight.begin(), highlight.end(), i) != highlight.end();
        const int y = top + row_h * static_cast<int>(i - first);
        const int x = lane_x(e.dll);
        const std::string call = fmt::format("#{} {}({})", e.seq, info(e.callout).name, e.args);
        std::string result = handles(e);
        result += (result.empty() ? "" : "  ") + std::string(e.outcome.returned() ? "\u2192 " : "\u00d7 ") +
                  outcome_text(e);
        const std::string full = fmt::format("{} in {} at +{:.3f} ms, {:.3f} ms: {}", call, e.dll,
                                             double(e.start_ns) / 1e6, double(e.duration_ns) / 1e6, result);
        const char* colour = hot ? "#cf222e" : "#24292f";
        svg += fmt::format("<g class=\"call{}\" data-seq=\"{}\"><title>{}</title>", hot ? " offending" : "", e.seq,
                           escape_markup(full));
        svg += fmt::format("<line class=\"arrow\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
                           "stroke-width=\"{}\"/>",
                           engine_x, y, x - 9, y, colour, hot ? 2.5 : 1.2);
        svg += fmt::format("<polygon class=\"head\" points=\"{},{} {},{} {},{}\" fill=\"{}\"/>", x, y, x - 10, y - 5,
                           x - 10, y + 5, colour);
        svg += text(engine_x + 8, y - 7, "label", shorten(call, room(engine_x, width - margin)));
        svg += text(engine_x + 8, y + 16, "outcome", shorten(result, room(engine_x, width - margin)));
        svg += "</g>\n";
    }
    svg += "</svg>";
    return svg;
}

}  // namespace rasconform::conformance
