// Deterministic stand-in for the registration sites (national SNE and
// departmental sites): a few hundred realistic social-housing requests, always
// the same for the same seed, natively and in wasm (own PRNG, integer
// arithmetic only), plus the two Numéros Uniques of the user guide.
//
// Also the small helpers shared by the seed generators (PRNG, ISO dates, NIR and
// Luhn keys, zones) - they are deterministic building blocks, not domain rules:
// the eligibility rules live in src/domain/.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// Problems of one request against the geography and the checksums, in plain
// words (empty when none): unknown requested / current commune, NIR key or
// shape, NIR inconsistent with civility or birth date, SIRET not Luhn-valid,
// Numéro Unique shape, 0 or more than 5 requested communes, typology outside T1..T6.
std::vector<std::string> registryProblems(const RegistryRequest& r, const Geography& geo);

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
    std::uint64_t s_[4];
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

// NIR key: 97 - (n mod 97) of the first 13 characters (2A -> 19, 2B -> 18 as the
// rule says); -1 when the 13 characters are not a NIR body.
int nirKey(std::string_view first13);
bool isValidNir(std::string_view nir);  // 15 characters, body well formed, key right
bool isLuhnValid(std::string_view digits);

// The three income-ceiling zones of docs/domain.md: Paris and its 29 neighbouring
// communes, the rest of Île-de-France, the other regions. The offer rents use
// them too (offer_seed.h).
enum class SeedZone : std::uint8_t { ParisLimitrophe = 0, ResteIdf = 1, AutresRegions = 2 };
SeedZone seedZoneOf(std::string_view insee, std::string_view dept);
std::string_view seedZoneName(SeedZone z);  // "paris_limitrophe", "reste_idf", "autres_regions"

// Street names used for generated addresses ("rue Victor Hugo", ...).
std::span<const std::string_view> seedStreetNames();

}  // namespace alin
