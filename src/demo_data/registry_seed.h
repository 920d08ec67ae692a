// Deterministic stand-in for the registration sites (national SNE and
// departmental sites): a few hundred realistic social-housing requests, always
// the same for the same seed, natively and in wasm (own PRNG, integer
// arithmetic only), plus the two Numéros Uniques of the user guide.
//
// Also the small helpers shared by the seed generators (PRNG, ISO dates, street
// names) - deterministic building blocks, not rules: the NIR key, Luhn, the zones
// and the eligibility rules live in src/domain/; the JSON of a request and the
// checks of an operator upload in src/reference/ (registry_json.cpp, registry_checks.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/eligibility.h"
#include "reference/geography.h"
#include "reference/registry_types.h"

namespace alin {

// ---------------------------------------------------------------- the guide's examples
// §3: the request shown imported, Madame Anne PORTE (co-applicant Monsieur Denis GIGI).
inline constexpr std::string_view kGuideExamplePorteNu = "1110920621114ACLOG";
inline constexpr std::string_view kGuideExamplePorteEmail = "anne.porte@example.fr";
// §4: a request created on AL'in before 20/04/2021, whose first "Mettre à jour"
// needs the e-mailed security code (applicant: Monsieur Julien MOREAU).
inline constexpr std::string_view kGuideExampleLegacyNu = "1110720020439G1175";
inline constexpr std::string_view kGuideExampleLegacyEmail = "julien.moreau@example.fr";

// The two requests above, fixed (they do not depend on the geography or the seed).
std::vector<RegistryRequest> guideExampleRequests();

struct RegistrySeedOptions {
    std::uint64_t seed = 20210420;
    std::size_t count = 240;                   // total, the two guide examples included (>= 2)
    std::string referenceDate = "2026-11-26";  // "today" for ages and creation dates
};

// The guide's two examples first, then count - 2 generated requests. Same
// options and same geography -> identical result (field for field).
// Throws std::invalid_argument when the geography is empty or a date is malformed.
std::vector<RegistryRequest> generateRegistry(const Geography& geo, const RegistrySeedOptions& options = {});

// ---------------------------------------------------------------- seed helpers
// xoshiro256** seeded through splitmix64: same sequence on every platform.
class SeedRng {
public:
    explicit SeedRng(std::uint64_t seed);
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n);                  // [0, n), n > 0 (tiny modulo bias, < 2^-24)
    std::int64_t range(std::int64_t lo, std::int64_t hi);  // [lo, hi] inclusive
    bool percent(int p) { return below(100) < static_cast<std::uint64_t>(p); }
    bool permille(int p) { return below(1000) < static_cast<std::uint64_t>(p); }
    template <class T>
    const T& pick(std::span<const T> v) {
        return v[static_cast<std::size_t>(below(v.size()))];
    }
    // Index drawn with the given integer weights (at least one > 0).
    std::size_t weighted(std::span<const std::uint32_t> weights);

private:
    std::uint64_t s_[4] = {};
};

// Cumulative weights for repeated weighted draws (binary search).
class WeightedPicker {
public:
    WeightedPicker() = default;
    explicit WeightedPicker(std::span<const std::uint64_t> weights);
    bool empty() const { return total_ == 0; }
    std::size_t pick(SeedRng& rng) const;

private:
    std::vector<std::uint64_t> cumulative_;
    std::uint64_t total_ = 0;
};

// ISO dates <-> days since 1970-01-01 (proleptic Gregorian). seedDays throws
// std::invalid_argument on a malformed date.
std::int64_t seedDays(std::string_view iso);
std::string seedIso(std::int64_t days);
int seedAgeOn(std::string_view birthIso, std::string_view onIso);  // completed years

// The 13 characters of a NIR followed by their key (domain::nirKey); digits
// followed by the Luhn check digit that makes them valid (domain::luhnValid).
std::string seedWithNirKey(const std::string& body13);
std::string seedWithLuhnDigit(const std::string& digits);

// Street names used for generated addresses ("rue Victor Hugo", ...).
std::span<const std::string_view> seedStreetNames();

}  // namespace alin
