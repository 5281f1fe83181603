#include "conformance/certify.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <sys/utsname.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/chain.hpp"
#include "conformance/inspect.hpp"
#include "conformance/subject.hpp"
#include "conformance/suite.hpp"
#include "conformance/wine_agent.hpp"
#include "rasconform/version.hpp"

namespace rasconform::conformance {

namespace fs = std::filesystem;
using nlohmann::json;

std::string sha256_of(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("libcrypto could not compute a SHA-256");
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

namespace {

std::optional<std::string> read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return s;
}

std::string utc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string os_release_name() {
    std::ifstream in("/etc/os-release");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("PRETTY_NAME=", 0) == 0) {
            std::string v = line.substr(12);
            if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
            return v;
        }
    return {};
}

std::vector<const json*> runs_of(const json& report) {
    std::vector<const json*> runs;
    if (report.is_object() && report.contains("runs") && report["runs"].is_array())
        for (const json& r : report["runs"]) runs.push_back(&r);
    else
        runs.push_back(&report);
    return runs;
}

std::string string_at(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// The subjects of one run, by file name, for messages.
std::string subject_names(const json& run) {
    std::vector<std::string> names;
    if (run.contains("subjects") && run["subjects"].is_array())
        for (const json& s : run["subjects"]) names.push_back(fs::path(string_at(s, "path")).filename().string());
    return names.empty() ? std::string("(no subject)") : fmt::format("{}", fmt::join(names, ", "));
}

// A case's message can list every fault of the run; a shortfall line needs
// only its start (report.json has the rest).
std::string brief(std::string message) {
    std::size_t limit = 200;
    if (message.size() <= limit) return message;
    while (limit > 0 && (static_cast<unsigned char>(message[limit]) & 0xC0) == 0x80) --limit;  // whole UTF-8 characters
    message = message.substr(0, limit) + "... (see the report)";
    return message;
}

std::string isolation_name(Isolation i) {
    switch (i) {
    case Isolation::in_process: return "none";
    case Isolation::chain: return "chain";
    case Isolation::per_case: return "case";
    case Isolation::debug: return "debug";
    }
    return "?";
}

int unusable(const std::string& file, const std::string& problem) {
    std::fprintf(stderr, "rasconform: %s: %s\n", file.c_str(), problem.c_str());
    return 2;
}

bool is_tar(const fs::path& out) { return out.extension() == ".tar"; }

// Checked before the (long) run as well as when writing: a directory bundle
// must start empty, or files already there would sit in it unlisted.
std::string output_problem(const fs::path& out) {
    std::error_code ec;
    if (is_tar(out)) {
        if (fs::is_directory(out, ec)) return "is a directory; a .tar bundle needs a file name";
        const fs::path parent = out.parent_path();
        if (!parent.empty() && !fs::is_directory(parent, ec)) return "its directory does not exist";
        return {};
    }
    if (!fs::exists(out, ec)) return {};
    if (!fs::is_directory(out, ec)) return "exists and is not a directory (a bundle is a directory or a .tar file)";
    if (!fs::is_empty(out, ec)) return "exists and is not empty: a bundle directory holds the bundle's files only";
    return {};
}

std::string write_directory(const BundleFiles& files, const fs::path& out) {
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) return "cannot create the directory: " + ec.message();
    for (const auto& [name, content] : files) {
        std::ofstream f(out / name, std::ios::binary);
        f << content;
        if (!f.flush()) return "cannot write " + name;
    }
    return {};
}

std::string write_tar(const BundleFiles& files, const fs::path& out) {
    archive* a = archive_write_new();
    std::string problem;
    // pax-restricted: plain ustar unless a name needs more, readable everywhere.
    if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
        archive_write_open_filename(a, out.c_str()) != ARCHIVE_OK) {
        problem = fmt::format("cannot write: {}", archive_error_string(a));
    } else {
        const std::time_t now = std::time(nullptr);
        for (const auto& [name, content] : files) {
            archive_entry* e = archive_entry_new();
            archive_entry_set_pathname(e, name.c_str());
            archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_perm(e, 0644);
            archive_entry_set_mtime(e, now, 0);
            const bool ok =
                archive_write_header(a, e) == ARCHIVE_OK &&
                archive_write_data(a, content.data(), content.size()) == static_cast<la_ssize_t>(content.size());
            archive_entry_free(e);
            if (!ok) {
                problem = fmt::format("cannot write {}: {}", name, archive_error_string(a));
                break;
            }
        }
        if (archive_write_close(a) != ARCHIVE_OK && problem.empty())
            problem = fmt::format("cannot write: {}", archive_error_string(a));
    }
    archive_write_free(a);
    if (!problem.empty()) {
        std::error_code ec;
        fs::remove(out, ec);  // no half bundle left behind
    }
    return problem;
}

BundleRead read_directory(const fs::path& path) {
    BundleFiles files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_directory()) continue;
        const std::string name = fs::relative(it->path(), path).generic_string();
        std::optional<std::string> content = read_file(it->path());
        if (!content) return {std::nullopt, name + " cannot be read"};
        files[name] = std::move(*content);
    }
    if (ec) return {std::nullopt, "cannot be listed: " + ec.message()};
    return {std::move(files), {}};
}

// `tar cf b.tar bundle/` puts every file under one folder: the bundle is
// that folder's content.
void strip_single_folder(BundleFiles& files) {
    if (files.empty() || files.count(std::string(manifest_name))) return;
    const std::string& first = files.begin()->first;
    const std::size_t slash = first.find('/');
    if (slash == std::string::npos) return;
    const std::string folder = first.substr(0, slash + 1);
    for (const auto& [name, content] : files)
        if (name.rfind(folder, 0) != 0) return;
    BundleFiles inside;
    for (auto& [name, content] : files) inside[name.substr(folder.size())] = std::move(content);
    files = std::move(inside);
}

BundleRead read_archive(const fs::path& path) {
    archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    BundleFiles files;
    std::string problem;
    if (archive_read_open_filename(a, path.c_str(), 64 * 1024) != ARCHIVE_OK) {
        problem = fmt::format("not a bundle: neither a directory nor an archive ({})", archive_error_string(a));
    } else {
        archive_entry* e = nullptr;
        int rc;
        while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
            if (archive_entry_filetype(e) == AE_IFDIR) continue;
            std::string name = archive_entry_pathname(e) ? archive_entry_pathname(e) : "";
            while (name.rfind("./", 0) == 0) name.erase(0, 2);
            std::string content;
            char buffer[64 * 1024];
            la_ssize_t n;
            while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0)
                content.append(buffer, static_cast<std::size_t>(n));
            if (n < 0) {
                problem = fmt::format("{} cannot be read from the archive: {}", name, archive_error_string(a));
                break;
            }
            // A second entry of the same name would replace the first when
            // extracted: keep both, so the copy shows up as unlisted.
            while (files.count(name)) name += " (again)";
            files[name] = std::move(content);
        }
        if (problem.empty() && rc != ARCHIVE_EOF)
            problem = fmt::format("not a bundle: neither a directory nor an archive ({})", archive_error_string(a));
    }
    archive_read_free(a);
    if (!problem.empty()) return {std::nullopt, problem};
    strip_single_folder(files);
    return {std::move(files), {}};
}

}  // namespace

Host this_host() {
    Host h;
    utsname u{};
    if (uname(&u) == 0) h.os = fmt::format("{} {} {}", u.sysname, u.release, u.machine);
    if (std::string distro = os_release_name(); !distro.empty()) h.os += " (" + distro + ")";
    // The Wine the agent runs under: the same `wine` on PATH (wine_agent.cpp).
    h.wine = wine_version();
    if (h.wine.empty()) h.wine = "unknown";
    return h;
}

std::vector<std::string> shortfalls(const json& report, const MustPassList& list) {
    std::vector<std::string> out;
    for (const json* run : runs_of(report)) {
        const std::string who = subject_names(*run);
        if (!run->is_object() || !run->contains("cases") || !(*run)["cases"].is_array()) {
            out.push_back(fmt::format("{}: no case results", who));
            continue;
        }
        if (string_at(*run, "profile") != list.profile)
            out.push_back(fmt::format("{}: results are for profile \"{}\", the must-pass list for {}", who,
                                      string_at(*run, "profile"), list.profile));
        std::map<std::string, const json*> by_id;
        for (const json& c : (*run)["cases"]) by_id[string_at(c, "id")] = &c;
        for (const std::string& id : list.cases) {
            auto it = by_id.find(id);
            if (it == by_id.end()) {
                out.push_back(fmt::format("{}: must-pass case {} has no result (incomplete)", who, id));
                continue;
            }
            const std::string status = string_at(*it->second, "status");
            const std::optional<Status> s = parse_status(status);
            if (!s || !meets_mustpass(*s))
                out.push_back(fmt::format("{}: must-pass case {} is {}: {}", who, id,
                                          status.empty() ? "without a status" : status,
                                          brief(string_at(*it->second, "message"))));
        }
    }
    return out;
}

BundleFiles make_bundle(const std::vector<Report>& reports, const MustPassList& list, const Host& host,
                        const RunnerOptions& runner) {
    json subjects = json::array();
    for (const Report& r : reports)
        for (const Subject& s : r.subjects) {
            // Read again: the certificate states the bytes the bundle is about.
            std::optional<std::string> bytes = read_file(s.path);
            if (!bytes) throw std::runtime_error(s.path.string() + " cannot be read");
            const std::vector<std::string> exports = s.export_names();
            subjects.push_back({{"file", s.file_name},
                                {"path", fs::absolute(s.path).lexically_normal().generic_string()},
                                {"sha256", sha256_of(*bytes)},
                                {"size", bytes->size()},
                                {"machine", s.machine()},
                                {"timestamp", s.pe.timestamp},
                                {"timestamp_utc", utc(static_cast<std::time_t>(s.pe.timestamp))},
                                {"exports", exports},
                                {"inspection", inspect(s)}});
        }

    // The same document `check --format json` writes: one report, or "runs".
    json report;
    if (reports.size() == 1) {
        report = to_json(reports.front());
    } else {
        json runs = json::array();
        bool all = true;
        for (const Report& r : reports) runs.push_back(to_json(r)), all = all && conformant(r);
        report = {{"schema", 1},
                  {"tool", "rasconform"},
                  {"version", version},
                  {"verdict", all ? "pass" : "fail"},
                  {"runs", runs}};
    }
    std::string text;
    for (const Report& r : reports) text += (text.empty() ? "" : "\n") + to_text(r, false);

    const std::vector<std::string> missing = shortfalls(report, list);
    const Profile* profile = find_profile(list.profile);
    json certificate{{"schema", 1},
                     {"kind", "rasconform certification bundle"},
                     {"tool", {{"name", "rasconform"}, {"version", version}, {"commit", git_commit}}},
                     {"created", utc(std::time(nullptr))},
                     {"profile", list.profile},
                     {"windows", profile ? std::string(to_string(profile->version)) : std::string()},
                     {"mustpass",
                      {{"version", list.version},
                       {"file", fmt::format("conformance/mustpass/{}/{}.txt", list.version, list.profile)},
                       {"cases", list.cases}}},
                     {"host", {{"os", host.os}, {"wine", host.wine}}},
                     {"settings",
                      {{"isolation", isolation_name(runner.isolation)},
                       {"timeout_ms", runner.callout_budget_ms},
                       {"soak", runner.soak_connections},
                       {"unload_grace_ms", runner.unload_grace_ms},
                       {"slow_ms", runner.slow_callout_ms}}},
                     {"subjects", subjects},
                     {"verdict", missing.empty() ? "certified" : "not certified"},
                     {"shortfalls", missing}};

    BundleFiles files;
    files[std::string(certificate_name)] = json_text(certificate);
    files[std::string(report_json_name)] = json_text(report);
    files["report.txt"] = text;
    // What a certifier reads: the self-contained page with the failures drawn.
    files["report.html"] = to_html(reports);
    return files;
}

void seal(BundleFiles& files) {
    files.erase(std::string(manifest_name));
    json listed = json::object();
    for (const auto& [name, content] : files) listed[name] = {{"sha256", sha256_of(content)}, {"size", content.size()}};
    const json manifest{{"schema", 1},
                        {"algorithm", "sha256"},
                        {"covers", "every other file of the bundle; nothing covers manifest.json itself"},
                        {"files", listed}};
    files[std::string(manifest_name)] = manifest.dump(2) + "\n";
}

std::string write_bundle(const BundleFiles& files, const fs::path& out) {
    if (std::string p = output_problem(out); !p.empty()) return p;
    return is_tar(out) ? write_tar(files, out) : write_directory(files, out);
}

BundleRead read_bundle(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return {std::nullopt, "no such file or directory"};
    BundleRead r = fs::is_directory(path, ec) ? read_directory(path) : read_archive(path);
    if (r.files && !r.files->count(std::string(manifest_name)))
        return {std::nullopt, fmt::format("not a bundle: it has no {}", manifest_name)};
    return r;
}

Verification verify_bundle(const BundleFiles& files,
                           const std::vector<std::pair<std::string, std::string>>& dll_hashes) {
    Verification v;
    auto problem = [&](std::string_view file, const std::string& what) {
        v.problems.push_back(fmt::format("{}: {}", file, what));
    };
    auto parse = [&](std::string_view name) -> std::optional<json> {
        auto it = files.find(std::string(name));
        if (it == files.end()) return std::nullopt;  // reported by the integrity check or below
        json j = json::parse(it->second, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            problem(name, "is not a JSON object");
            return std::nullopt;
        }
        return j;
    };

    // Integrity: every listed file present and unchanged, nothing unlisted.
    std::set<std::string> listed;
    if (std::optional<json> manifest = parse(manifest_name)) {
        if (!manifest->contains("files") || !(*manifest)["files"].is_object()) {
            problem(manifest_name, "has no \"files\" object");
        } else {
            for (const auto& [name, entry] : (*manifest)["files"].items()) {
                listed.insert(name);
                auto it = files.find(name);
                const std::string expected = string_at(entry, "sha256");
                if (it == files.end())
                    problem(name, "listed in manifest.json but missing from the bundle");
                else if (std::string actual = sha256_of(it->second); actual != expected)
                    problem(name, fmt::format("changed: its SHA-256 is {}, manifest.json lists {}", actual,
                                              expected.empty() ? "none" : expected));
            }
        }
    }
    for (const auto& [name, content] : files)
        if (name != manifest_name && !listed.count(name)) problem(name, "not listed in manifest.json (an extra file)");

    // Completeness and consistency, against this binary's copy of the list
    // the certificate names (never the bundle's own copy).
    std::optional<json> certificate = parse(certificate_name);
    if (!certificate) {
        if (!files.count(std::string(certificate_name))) problem(certificate_name, "missing: nothing is certified");
        return v;
    }
    const json& mp = certificate->contains("mustpass") ? (*certificate)["mustpass"] : json();
    const int list_version =
        mp.is_object() && mp.contains("version") && mp["version"].is_number_integer() ? mp["version"].get<int>() : 0;
    const std::string profile = string_at(*certificate, "profile");
    const MustPassList* list = find_mustpass(list_version, profile);
    if (!list) {
        v.unusable = fmt::format("{} names must-pass list {}/{}, which rasconform {} does not have", certificate_name,
                                 list_version, profile.empty() ? "(no profile)" : profile, version);
        return v;
    }
    if (!mp.contains("cases") || mp["cases"] != json(list->cases))
        problem(certificate_name, fmt::format("its must-pass cases differ from list {}/{}", list_version, profile));

    std::set<std::string> subject_hashes;
    if (certificate->contains("subjects") && (*certificate)["subjects"].is_array())
        for (const json& s : (*certificate)["subjects"]) subject_hashes.insert(string_at(s, "sha256"));
    if (subject_hashes.empty()) problem(certificate_name, "names no subject");

    const std::string verdict = string_at(*certificate, "verdict");
    if (std::optional<json> report = parse(report_json_name)) {
        const std::vector<std::string> missing = shortfalls(*report, *list);
        for (const std::string& s : missing) problem(report_json_name, s);
        if (verdict == "certified" && !missing.empty())
            problem(certificate_name, "says certified, which report.json does not bear out");
        std::set<std::string> with_results;
        for (const json* run : runs_of(*report))
            if (run->is_object() && run->contains("subjects") && (*run)["subjects"].is_array())
                for (const json& s : (*run)["subjects"]) {
                    const std::string h = string_at(s, "sha256");
                    with_results.insert(h);
                    if (!subject_hashes.count(h))
                        problem(report_json_name, fmt::format("has results for {} (SHA-256 {}), which {} does not list",
                                                              string_at(s, "path"), h, certificate_name));
                }
        for (const std::string& h : subject_hashes)
            if (!with_results.count(h))
                problem(certificate_name, fmt::format("subject {} has no results in report.json", h));
    } else if (!files.count(std::string(report_json_name))) {
        problem(report_json_name, "missing: no results to certify with");
    }
    if (verdict != "certified")
        problem(certificate_name, fmt::format("the verdict is \"{}\": the bundle certifies nothing", verdict));

    for (const auto& [dll, hash] : dll_hashes)
        if (!subject_hashes.count(hash))
            v.problems.push_back(fmt::format("{}: matches no subject of the bundle (its SHA-256 is {})", dll, hash));
    return v;
}

int certify(const CertifyOptions& o) {
    const Profile* profile = find_profile(o.profile);
    if (!profile) return unusable(o.profile, "unknown profile (see rasconform list)");
    const int version_in_use = latest_mustpass_version();
    const MustPassList* list = find_mustpass(version_in_use, profile->name);
    if (!list)
        return unusable(o.profile, fmt::format("must-pass list {} has no list for this profile", version_in_use));
    if (std::string p = output_problem(o.output); !p.empty()) return unusable(o.output, p);

    std::vector<Subject> subjects;
    for (const std::string& dll : o.dlls) {
        SubjectLoad loaded = load_subject(dll);
        if (!loaded.subject) return unusable(dll, loaded.problem);
        // Its dynamic cases would all be not-applicable, which is no evidence.
        if (loaded.subject->pe.machine != PE_MACHINE_AMD64)
            return unusable(dll,
                            "a 32-bit DLL cannot be certified here: its dynamic cases cannot run under Debian's "
                            "64-bit Wine");
        subjects.push_back(std::move(*loaded.subject));
    }

    std::vector<Report> reports;
    if (o.chain) {
        if (std::optional<ChainProblem> p = chain_problem(subjects)) return unusable(p->file, p->problem);
        if (subjects.size() > 1 && !profile->multiple_dlls)
            return unusable(o.profile, "loads a single admin DLL [MULTI-1, LOAD-6], so a chain cannot run under it");
        std::vector<std::string> names;
        std::vector<std::vector<CaseResult>> statics, dynamics;
        for (std::size_t i = 0; i < subjects.size(); ++i) {
            names.push_back(subjects[i].file_name);
            statics.push_back(run_static_cases(subjects[i], *profile));
            DynamicRun dyn = run_dynamic(subjects, i, *profile, o.runner);
            if (!dyn.fatal.empty()) {
                std::fprintf(stderr, "rasconform: %s\n", dyn.fatal.c_str());
                return 2;
            }
            dynamics.push_back(std::move(dyn.results));
        }
        Report r;
        r.profile = std::string(profile->name);
        r.subjects = subjects;
        r.cases = fold_chain(names, std::move(statics));
        for (CaseResult& c : fold_chain(names, std::move(dynamics))) r.cases.push_back(std::move(c));
        reports.push_back(std::move(r));
    }
    // Each DLL on its own: a report per DLL.
    for (const Subject& s : o.chain ? std::vector<Subject>{} : subjects) {
        Report r;
        r.profile = std::string(profile->name);
        r.subjects.push_back(s);
        r.cases = run_static_cases(s, *profile);
        DynamicRun dyn = run_dynamic(s, *profile, o.runner);
        // No Wine, no agent: nothing to certify with, so no bundle either.
        if (!dyn.fatal.empty()) {
            std::fprintf(stderr, "rasconform: %s\n", dyn.fatal.c_str());
            return 2;
        }
        r.cases.insert(r.cases.end(), dyn.results.begin(), dyn.results.end());
        reports.push_back(std::move(r));
    }

    BundleFiles files = make_bundle(reports, *list, this_host(), o.runner);
    seal(files);
    if (std::string p = write_bundle(files, o.output); !p.empty()) return unusable(o.output, p);

    const json certificate = json::parse(files[std::string(certificate_name)]);
    const auto missing = certificate["shortfalls"].get<std::vector<std::string>>();
    for (const std::string& s : missing) std::printf("%s\n", s.c_str());
    std::vector<std::string> names;
    for (const Subject& s : subjects) names.push_back(s.file_name);
    std::printf("%s: %s under %s (must-pass list %d, %zu cases): %s\n", o.output.c_str(),
                missing.empty() ? "certified" : "NOT certified", list->profile.c_str(), list->version,
                list->cases.size(), fmt::format("{}", fmt::join(names, ", ")).c_str());
    return missing.empty() ? 0 : 1;
}

int verify(const std::string& bundle, const std::vector<std::string>& dlls) {
    BundleRead read = read_bundle(bundle);
    if (!read.files) return unusable(bundle, read.problem);
    std::vector<std::pair<std::string, std::string>> hashes;
    for (const std::string& dll : dlls) {
        std::error_code ec;
        if (!fs::is_regular_file(dll, ec)) return unusable(dll, "file not found");
        std::optional<std::string> bytes = read_file(dll);
        if (!bytes) return unusable(dll, "cannot be read");
        hashes.emplace_back(dll, sha256_of(*bytes));
    }
    Verification v = verify_bundle(*read.files, hashes);
    if (!v.unusable.empty()) return unusable(bundle, v.unusable);
    for (const std::string& p : v.problems) std::printf("%s\n", p.c_str());
    if (!v.problems.empty()) {
        std::printf("%s: INVALID (%zu problem%s)\n", bundle.c_str(), v.problems.size(),
                    v.problems.size() == 1 ? "" : "s");
        return 1;
    }
    const json certificate = json::parse((*read.files)[std::string(certificate_name)]);
    std::printf("%s: valid: certifies %zu subject%s under %s (must-pass list %d)\n", bundle.c_str(),
                certificate["subjects"].size(), certificate["subjects"].size() == 1 ? "" : "s",
                string_at(certificate, "profile").c_str(), certificate["mustpass"]["version"].get<int>());
    return 0;
}

}  // namespace rasconform::conformance
