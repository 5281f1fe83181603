// A seeded, deterministic mutator around the PE fuzz target, for builds
// without libFuzzer (gcc, the CI's ASan tree). It is blind (no coverage
// feedback), so it leans on knowing the format: most mutations hit the
// header and directory fields the reader trusts least, with values at the
// edges (0, -1, sign bits, the file size, section ends), the rest are byte
// noise, truncations, chunk copies and splices. The same --seed and
// --iterations always run the same inputs, so a failure in CI reproduces
// with the command line it prints.
//
//   pe-fuzz [--seed N] [--iterations N] [--corpus DIR]... [FILE]...
//   pe-fuzz --write-seeds DIR   (the builder images, as a libFuzzer corpus)
//
// Seeds: images from tests/core/pe_builder.hpp, plus every *.dll in each
// --corpus directory (missing directories are skipped) and every FILE.
// On a sanitizer report or a broken contract (abort) the input is saved
// as pe-fuzz-crash-SEED-ITERATION.bin in the working directory.
#include "../core/pe_builder.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__has_include)
#if __has_include(<sanitizer/common_interface_defs.h>)
#include <sanitizer/common_interface_defs.h>
#define RAS_HAVE_SANITIZER_CALLBACK 1
#endif
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Bytes = std::vector<std::uint8_t>;

struct Field {
    std::size_t offset;
    std::size_t width;  // 2 or 4
};

std::uint32_t read32(const Bytes& b, std::size_t at) {
    if (at > b.size() || b.size() - at < 4) return 0;
    return static_cast<std::uint32_t>(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) |
           (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

std::uint16_t read16(const Bytes& b, std::size_t at) {
    if (at > b.size() || b.size() - at < 2) return 0;
    return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

// The fields the reader reads, located in one seed (best effort: a seed
// that is not a well-formed PE just yields fewer). Section ends are kept
// as interesting RVAs: values placed just before them make tables and
// strings straddle the end of the raw data.
struct SeedInfo {
    Bytes bytes;
    std::string name;
    std::vector<Field> fields;
    std::vector<std::uint32_t> rvas;
};

SeedInfo describe(Bytes bytes, std::string name) {
    SeedInfo s{std::move(bytes), std::move(name), {}, {}};
    const Bytes& b = s.bytes;
    auto add = [&](std::size_t at, std::size_t width) {
        if (at <= b.size() && b.size() - at >= width) s.fields.push_back({at, width});
    };
    add(0, 2);
    add(0x3c, 4);
    const std::size_t pe = read32(b, 0x3c);
    if (pe >= b.size()) return s;
    add(pe, 4);
    const std::size_t coff = pe + 4;
    for (std::size_t f : {0, 2, 16, 18}) add(coff + f, 2);
    for (std::size_t f : {8, 12}) add(coff + f, 4);
    const std::size_t opt = coff + 20;
    add(opt, 2);
    const bool plus = read16(b, opt) == 0x20b;
    for (std::size_t f : {56, 60}) add(opt + f, 4);
    const std::size_t rva_count = opt + (plus ? 108 : 92);
    add(rva_count, 4);
    for (std::size_t f = 0; f < 16; f += 4) add(rva_count + 4 + f, 4);  // export and import entries
    const std::size_t sections = opt + read16(b, coff + 16);
    const std::size_t section_count = std::min<std::size_t>(read16(b, coff + 2), 96);
    struct Sec {
        std::uint32_t va, raw_size, raw_offset;
    };
    std::vector<Sec> secs;
    for (std::size_t i = 0; i < section_count; ++i) {
        const std::size_t h = sections + 40 * i;
        for (std::size_t f : {8, 12, 16, 20}) add(h + f, 4);
        secs.push_back({read32(b, h + 12), read32(b, h + 16), read32(b, h + 20)});
        s.rvas.push_back(read32(b, h + 12) + read32(b, h + 16));
    }
    auto offset_of = [&](std::uint32_t rva) -> std::size_t {
        for (const Sec& c : secs)
            if (rva >= c.va && rva - c.va < c.raw_size) return c.raw_offset + (rva - c.va);
        return SIZE_MAX;
    };
    const std::size_t exports = offset_of(read32(b, rva_count + 4));
    if (exports != SIZE_MAX) {
        for (std::size_t f = 16; f < 40; f += 4) add(exports + f, 4);
        const std::size_t names = offset_of(read32(b, exports + 32));
        const std::size_t ordinals = offset_of(read32(b, exports + 36));
        const std::size_t functions = offset_of(read32(b, exports + 28));
        for (std::size_t i = 0; i < 8; ++i) {
            if (names != SIZE_MAX) add(names + 4 * i, 4);
            if (ordinals != SIZE_MAX) add(ordinals + 2 * i, 2);
            if (functions != SIZE_MAX) add(functions + 4 * i, 4);
        }
    }
    const std::size_t imports = offset_of(read32(b, rva_count + 12));
    if (imports != SIZE_MAX) {
        for (std::size_t d = 0; d < 4; ++d) {
            for (std::size_t f : {0, 12, 16}) add(imports + 20 * d + f, 4);
            const std::size_t thunks = offset_of(read32(b, imports + 20 * d));
            for (std::size_t k = 0; thunks != SIZE_MAX && k < 4; ++k) add(thunks + (plus ? 8 : 4) * k, 4);
        }
    }
    const std::size_t symbols = read32(b, coff + 8);
    for (std::size_t i = 0; i < 8; ++i)
        for (std::size_t f : {4, 8}) add(symbols + 18 * i + f, 4);
    return s;
}

// Raw engine output only: std::uniform_int_distribution differs between
// standard libraries, and a seed must mean the same inputs everywhere.
struct Rng {
    std::mt19937_64 engine;
    std::uint64_t next() { return engine(); }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
    bool chance(unsigned percent) { return below(100) < percent; }
};

std::uint32_t edge_value(Rng& rng, const SeedInfo& seed, const Bytes& input, std::uint32_t current) {
    const auto size = static_cast<std::uint32_t>(input.size());
    switch (rng.below(12)) {
        case 0: return 0;
        case 1: return 0xffffffffu;
        case 2: return 0x7fffffffu;
        case 3: return 0x80000000u;
        case 4: return size;
        case 5: return size - static_cast<std::uint32_t>(rng.below(8));
        case 6: return current + 1;
        case 7: return current - 1;
        case 8: return current ^ (1u << rng.below(32));
        case 9: return static_cast<std::uint32_t>(rng.below(0x10001));
        case 10:
            if (!seed.rvas.empty())
                return seed.rvas[rng.below(seed.rvas.size())] - static_cast<std::uint32_t>(rng.below(24));
            return 0x1000;
        default: return static_cast<std::uint32_t>(rng.next());
    }
}

void write_field(Bytes& b, std::size_t at, std::size_t width, std::uint32_t value) {
    for (std::size_t i = 0; i < width && at + i < b.size(); ++i) b[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

void mutate(Rng& rng, const std::vector<SeedInfo>& seeds, const SeedInfo& seed, Bytes& input) {
    const std::size_t steps = 1 + rng.below(rng.chance(80) ? 3 : 12);
    for (std::size_t step = 0; step < steps; ++step) {
        const std::size_t kind = rng.below(100);
        if (input.empty()) return;
        if (kind < 45 && !seed.fields.empty()) {  // a known field, edge value
            const Field f = seed.fields[rng.below(seed.fields.size())];
            const std::uint32_t current = f.width == 4 ? read32(input, f.offset) : read16(input, f.offset);
            write_field(input, f.offset, f.width, edge_value(rng, seed, input, current));
        } else if (kind < 60) {  // any aligned word, edge value
            const std::size_t at = rng.below(input.size()) & ~std::size_t{1};
            write_field(input, at, rng.chance(50) ? 4 : 2, edge_value(rng, seed, input, read32(input, at)));
        } else if (kind < 72) {  // bit flip
            input[rng.below(input.size())] ^= static_cast<std::uint8_t>(1u << rng.below(8));
        } else if (kind < 82) {  // byte to an edge value
            static constexpr std::uint8_t edges[] = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff, 'A', '\n'};
            input[rng.below(input.size())] = edges[rng.below(std::size(edges))];
        } else if (kind < 88) {  // truncate
            input.resize(rng.below(input.size()));
        } else if (kind < 92) {  // copy a chunk over another place (overlapping structures)
            const std::size_t from = rng.below(input.size());
            const std::size_t to = rng.below(input.size());
            const std::size_t n = std::min({rng.below(64) + 1, input.size() - from, input.size() - to});
            std::copy_n(input.begin() + static_cast<std::ptrdiff_t>(from), n,
                        input.begin() + static_cast<std::ptrdiff_t>(to));
        } else if (kind < 95) {  // erase or insert a chunk (shifts every offset after it)
            const std::size_t at = rng.below(input.size());
            const std::size_t n = rng.below(32) + 1;
            if (rng.chance(50))
                input.erase(input.begin() + static_cast<std::ptrdiff_t>(at),
                            input.begin() + static_cast<std::ptrdiff_t>(std::min(input.size(), at + n)));
            else
                input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), n,
                             static_cast<std::uint8_t>(rng.next()));
        } else {  // splice: this seed's head, another seed's tail
            const SeedInfo& other = seeds[rng.below(seeds.size())];
            if (other.bytes.empty()) continue;
            const std::size_t cut = rng.below(input.size());
            const std::size_t from = rng.below(other.bytes.size());
            input.resize(cut);
            input.insert(input.end(), other.bytes.begin() + static_cast<std::ptrdiff_t>(from), other.bytes.end());
        }
    }
}

Bytes to_bytes(const std::vector<std::byte>& v) {
    Bytes out(v.size());
    std::transform(v.begin(), v.end(), out.begin(), [](std::byte b) { return static_cast<std::uint8_t>(b); });
    return out;
}

std::vector<SeedInfo> builder_seeds() {
    using namespace rasconform::pe_test;
    std::vector<SeedInfo> seeds;
    for (bool plus : {true, false}) {
        TestPe pe = build_test_pe(plus);
        seeds.push_back(describe(to_bytes(pe.bytes), plus ? "builder PE32+" : "builder PE32"));
        // Stripped: no symbol table, so the last bytes are section data.
        TestPe stripped = pe;
        stripped.bytes.resize(stripped.rdata_end);
        put32(stripped.bytes, stripped.coff + 8, 0);
        put32(stripped.bytes, stripped.coff + 12, 0);
        seeds.push_back(describe(to_bytes(stripped.bytes), plus ? "builder PE32+ stripped" : "builder PE32 stripped"));
    }
    return seeds;
}

bool read_file(const std::filesystem::path& path, Bytes& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

// For the sanitizer's death callback: what was running when it fired.
const Bytes* g_current = nullptr;
std::uint64_t g_seed = 0;
std::uint64_t g_iteration = 0;

void save_current_input() {
    if (g_current == nullptr) return;
    const Bytes* current = std::exchange(g_current, nullptr);  // the abort that follows an ASan report saves nothing more
    std::string name = "pe-fuzz-crash-" + std::to_string(g_seed) + "-" + std::to_string(g_iteration) + ".bin";
    std::error_code ec;
    if (const auto dir = std::filesystem::current_path(ec); !ec) name = (dir / name).string();  // meson picks the cwd
    if (std::FILE* f = std::fopen(name.c_str(), "wb")) {
        std::fwrite(current->data(), 1, current->size(), f);
        std::fclose(f);
    }
    std::fprintf(stderr, "pe-fuzz: failed at iteration %llu of seed %llu; input saved to %s\n",
                 static_cast<unsigned long long>(g_iteration), static_cast<unsigned long long>(g_seed), name.c_str());
}

// The target aborts when the reader breaks its contract: save the input too.
extern "C" void on_abort(int) {
    save_current_input();
    std::signal(SIGABRT, SIG_DFL);
    std::raise(SIGABRT);
}

int usage() {
    std::fprintf(stderr,
                 "usage: pe-fuzz [--seed N] [--iterations N] [--corpus DIR]... [FILE]...\n"
                 "       pe-fuzz --write-seeds DIR\n");
    return 2;
}

int write_seeds(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    int n = 0;
    for (const SeedInfo& s : builder_seeds()) {
        std::string name = s.name;
        std::replace(name.begin(), name.end(), ' ', '-');
        std::ofstream out(dir / (name + ".dll"), std::ios::binary);
        out.write(reinterpret_cast<const char*>(s.bytes.data()), static_cast<std::streamsize>(s.bytes.size()));
        if (!out) {
            std::fprintf(stderr, "pe-fuzz: cannot write %s\n", (dir / name).string().c_str());
            return 2;
        }
        ++n;
    }
    std::printf("pe-fuzz: %d seeds written to %s\n", n, dir.string().c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 1;
    std::uint64_t iterations = 100000;
    std::vector<std::filesystem::path> corpus_dirs;
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--seed" && has_value) seed = std::strtoull(argv[++i], nullptr, 0);
        else if (arg == "--iterations" && has_value) iterations = std::strtoull(argv[++i], nullptr, 0);
        else if (arg == "--corpus" && has_value) corpus_dirs.emplace_back(argv[++i]);
        else if (arg == "--write-seeds" && has_value) return write_seeds(argv[++i]);
        else if (arg.starts_with("-")) return usage();
        else files.emplace_back(arg);
    }

    std::vector<SeedInfo> seeds = builder_seeds();
    const std::size_t builder_count = seeds.size();
    for (const auto& dir : corpus_dirs) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) {
            std::printf("pe-fuzz: corpus %s not found, skipped\n", dir.string().c_str());
            continue;
        }
        std::vector<std::filesystem::path> found;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().extension() == ".dll") found.push_back(entry.path());
        std::sort(found.begin(), found.end());  // directory order is not deterministic
        files.insert(files.end(), found.begin(), found.end());
    }
    for (const auto& path : files) {
        Bytes b;
        if (!read_file(path, b)) {
            std::fprintf(stderr, "pe-fuzz: cannot read %s\n", path.string().c_str());
            return 2;
        }
        seeds.push_back(describe(std::move(b), path.filename().string()));
    }

#ifdef RAS_HAVE_SANITIZER_CALLBACK
    __sanitizer_set_death_callback(save_current_input);
#endif
    std::signal(SIGABRT, on_abort);
    g_seed = seed;
    Rng rng{std::mt19937_64(seed)};
    Bytes input;
    g_current = &input;
    const auto started = std::chrono::steady_clock::now();
    // Every seed once as it is, then mutants. Real DLLs are ~100 KB with
    // thousands of symbols, some 40 times slower to parse than the 2 KB
    // builder images: they get one mutant in 20, which keeps the CI run
    // at seconds.
    for (g_iteration = 0; g_iteration < iterations + seeds.size(); ++g_iteration) {
        if (g_iteration < seeds.size()) {
            input = seeds[g_iteration].bytes;
        } else {
            const bool real = seeds.size() > builder_count && rng.chance(5);
            const SeedInfo& s = real ? seeds[builder_count + rng.below(seeds.size() - builder_count)]
                                     : seeds[rng.below(builder_count)];
            input = s.bytes;
            mutate(rng, seeds, s, input);
        }
        // A heap block of exactly the input's size, as libFuzzer passes it:
        // the vector's spare capacity would hide a read just past the end
        // from ASan.
        const auto exact = std::make_unique<std::uint8_t[]>(input.size() + (input.empty() ? 1 : 0));
        std::copy(input.begin(), input.end(), exact.get());
        LLVMFuzzerTestOneInput(exact.get(), input.size());
    }
    g_current = nullptr;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("pe-fuzz: seed %llu, %llu mutated inputs from %zu seeds (%zu files), %.1f s, no failure\n",
                static_cast<unsigned long long>(seed), static_cast<unsigned long long>(iterations), seeds.size(),
                seeds.size() - builder_count, seconds);
    return 0;
}
