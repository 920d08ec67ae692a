// French administrative geography: departments, current communes and their EPCI
// (groupings of communes), from the asset that scripts/build-geo.mjs builds out
// of the npm package @etalab/decoupage-administratif (build-assets/geo/geo.bin,
// or geo.json with the same content). Format and caveats: docs/geography.md.
//
// Portable (native and wasm): the loaders take bytes or text, never a path; only
// loadGeographyFile() below reads a file, and only natively (the server).
//
// A Geography is an immutable, cheaply copyable handle (copies share the data),
// safe to read from several threads. Every string_view and pointer it returns
// stays valid as long as one copy of the Geography lives.
#pragma once
#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace alin {

// Malformed or incompatible asset (the message says what and where).
struct GeographyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class GeoZone : std::uint8_t { Metro = 0, Drom = 1 };

struct Region {
    std::string_view code;  // "11"
    std::string_view name;  // "Île-de-France"
};

struct Department {
    std::string_view code;        // "01".."95", "2A", "2B", "971".."976"
    std::string_view name;        // "Finistère"
    std::string_view regionCode;  // "53"
    std::string_view regionName;  // "Bretagne"
    GeoZone zone = GeoZone::Metro;
    std::uint32_t firstCommune = 0;  // index into Geography::communes()
    std::uint32_t communeCount = 0;
};

struct Commune {
    std::string_view insee;            // "29232"
    std::string_view name;             // "Quimper"
    std::string_view dept;             // "29"
    std::string_view postcodesPacked;  // 5-character postcodes back to back ("29000")
    std::uint32_t population = 0;      // 0 when unknown
    std::int32_t epci = -1;            // index into Geography::epcis(), -1 when none
    // Position of the commune's centre, in 1e-3 degree (about 100 m): from GeoNames
    // (places of 1 000 people or more), or estimated when the commune is not there
    // (the population-weighted centre of the placed communes of its EPCI, else of
    // its department). kNoPosition when neither is known.
    static constexpr std::int32_t kNoPosition = INT32_MIN;
    std::int32_t latE3 = kNoPosition, lonE3 = kNoPosition;
    bool positionEstimated = false;

    bool hasPosition() const { return latE3 != kNoPosition; }

    std::size_t postcodeCount() const { return postcodesPacked.size() / 5; }
    std::string_view postcode(std::size_t i) const { return postcodesPacked.substr(i * 5, 5); }
    std::vector<std::string> postcodes() const;
};

struct Epci {
    std::string_view code;          // SIREN, 9 digits: "200068120"
    std::string_view name;          // "CA Quimper Bretagne Occidentale"
    std::string_view type;          // "CC", "CA", "CU", "METRO", "MET69"
    std::uint32_t firstMember = 0;  // into Geography's member list (see members())
    std::uint32_t memberCount = 0;
};

// The three offer tabs of the guide (§5) for a set of requested communes:
//  requested  = the requested communes themselves ("Communes demandées");
//  neighbours = the other members of their EPCI ("Communes limitrophes", a
//               stand-in: see Geography::neighbours);
//  others     = the remaining communes of the requested communes' departments
//               ("Autres communes du département").
// The three sets are disjoint; unknown INSEE codes are ignored.
enum class OfferTab : std::uint8_t { None = 0, Requested = 1, Neighbours = 2, Department = 3 };

class OfferAreas {
public:
    OfferTab tabOf(std::string_view insee) const;
    const std::vector<const Commune*>& requested() const { return requested_; }
    const std::vector<const Commune*>& neighbours() const { return neighbours_; }
    const std::vector<const Commune*>& others() const { return others_; }
    const std::vector<std::string>& departments() const { return departments_; }

private:
    friend class Geography;
    std::vector<const Commune*> requested_, neighbours_, others_;  // each sorted by INSEE code
    std::vector<std::string> departments_;                         // of the requested communes, first-seen order
};

class Geography {
public:
    Geography();  // empty
    // The binary asset (geo.bin). Throws GeographyError.
    static Geography fromBytes(std::string_view bytes);
    // The JSON asset (geo.json). Throws GeographyError.
    static Geography fromJson(std::string_view text);

    bool empty() const;
    std::string_view source() const;  // "@etalab/decoupage-administratif 6.0.0"

    // ---- lookups (binary search over sorted arrays: O(log n), no extra memory)
    const Commune* commune(std::string_view insee) const;       // nullptr when unknown
    const Department* department(std::string_view code) const;  // nullptr when unknown
    const Region* region(std::string_view code) const;
    const Epci* epci(std::string_view sirenCode) const;
    const Epci* epciOf(std::string_view insee) const;  // nullptr: no EPCI (a few islands)

    std::span<const Region> regions() const;                               // sorted by code
    std::span<const Department> departments() const;                       // sorted by code (101: metro + DROM)
    std::span<const Commune> communes() const;                             // sorted by INSEE code
    std::span<const Commune> communesOf(std::string_view deptCode) const;  // empty when unknown
    std::span<const Epci> epcis() const;                                   // sorted by code
    std::vector<const Commune*> members(const Epci& e) const;              // sorted by INSEE code
    std::size_t indexOf(const Commune& c) const { return static_cast<std::size_t>(&c - communes().data()); }

    // "Communes limitrophes" of a commune: the OTHER members of its EPCI, sorted
    // by INSEE code. A STAND-IN: the package has no geometry, so true adjacency
    // cannot be computed. Members of one EPCI are close to each other, but an
    // EPCI is not a ring of neighbours: big ones (Métropole du Grand Paris, 130
    // communes; Aix-Marseille-Provence, 92) give far more "neighbours" than the
    // real ones, and a commune on the edge of its EPCI misses the neighbours
    // across the boundary. Empty for unknown codes and communes without EPCI.
    std::vector<const Commune*> neighbours(std::string_view insee) const;

    // The three tabs of §5 for the requested communes (see OfferAreas).
    OfferAreas offerAreas(std::span<const std::string> requestedInsee) const;

    // Picker search. Letters: communes whose name, or one of whose words, starts
    // with the query, ignoring case, accents, hyphens and apostrophes ("st"/"ste"
    // also match "saint"/"sainte"): "saint etienne" finds Saint-Étienne,
    // "rochelle" finds La Rochelle. Digits: INSEE code or postcode prefix
    // ("290" -> the communes with a 290xx postcode). Results: whole-name matches
    // before word matches, then by decreasing population, then by code; at most
    // `limit`. deptCode restricts to one department when not empty.
    std::vector<const Commune*> search(std::string_view query, std::size_t limit = 20,
                                       std::string_view deptCode = {}) const;

    // Approximate heap memory held (for the benchmarks).
    std::size_t memoryBytes() const;

    struct Data;  // implementation detail (geography.cpp)

private:
    explicit Geography(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> d_;
};

// Great-circle distance between two communes' centres, in metres (rounded);
// -1 when either has no position. An estimate of the road distance: about.
std::int32_t geoDistanceMeters(const Commune& a, const Commune& b);

// Search key of a name: lower-case ASCII, accents removed (é->e, œ->oe, æ->ae),
// every run of spaces, hyphens, apostrophes and other punctuation turned into one
// space, trimmed. "L'Haÿ-les-Roses" -> "l hay les roses". Exposed for tests and UI.
std::string geoSearchKey(std::string_view name);

// Native only (the server): reads `path` (geo.bin, or geo.json when the name ends
// in ".json") and loads it. Throws GeographyError (also when the file is missing:
// the message says to run scripts/build-geo.mjs).
Geography loadGeographyFile(const std::string& path);

}  // namespace alin
