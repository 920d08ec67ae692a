// Geography asset loader and lookups. See geography.h and docs/geography.md.
#include "reference/geography.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include "domain/utf8.h"

#if !defined(__EMSCRIPTEN__)
#include <cstdio>
#endif

namespace alin {

namespace {

constexpr std::uint8_t kFormatVersion = 2;
constexpr char kMagic[5] = {'A', 'L', 'G', 'E', 'O'};

// What both readers produce; Geography::Data is built from it.
struct RawGeo {
    struct Dept {
        std::string code, name, region;
        GeoZone zone = GeoZone::Metro;
    };
    struct Com {
        std::string code, name, dept, postcodes;  // postcodes packed, 5 chars each
        std::uint32_t population = 0;
        std::int32_t latE3 = Commune::kNoPosition, lonE3 = Commune::kNoPosition;
    };
    struct Grp {
        std::string code, name, type;
        std::vector<std::uint32_t> members;  // commune indices (into communes, sorted by code)
    };
    std::string source;
    std::vector<std::pair<std::string, std::string>> regions;
    std::vector<Dept> depts;
    std::vector<Com> communes;
    std::vector<Grp> epcis;
};

bool isDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// ====================================================================== data
struct Geography::Data {
    std::string arena;  // every string the views point into
    std::string_view source;
    std::vector<Region> regions;
    std::vector<Department> departments;
    std::vector<Commune> communes;
    std::vector<Epci> epcis;
    std::vector<std::uint32_t> members;  // commune indices, grouped by EPCI

    // Search index: the search key of every commune back to back (keyStart[i] ..
    // keyStart[i+1]), and one entry per word start, sorted by the key text from
    // that word to the end of the name.
    std::string keys;
    std::vector<std::uint32_t> keyStart;
    struct Word {
        std::uint32_t commune;
        std::uint32_t pos;  // into keys
    };
    std::vector<Word> words;

    std::string_view tail(const Word& w) const {
        return std::string_view(keys).substr(w.pos, keyStart[w.commune + 1] - w.pos);
    }
};

namespace {

using Data = Geography::Data;

// Builds the shared data: sorts, checks, copies strings into one arena and
// points the views at it (only once the arena is complete, so it never moves).
// Communes without a position get the population-weighted centre of the placed
// communes of their EPCI, else of their department (a commune of 0 people
// weighs 1). Longitudes never cross ±180° in France, so plain means are right.
void estimatePositions(Data& d) {
    struct Sum {
        double w = 0, lat = 0, lon = 0;
        void add(const Commune& c) {
            const double p = std::max<std::uint32_t>(1, c.population);
            w += p;
            lat += p * c.latE3;
            lon += p * c.lonE3;
        }
    };
    std::vector<Sum> byEpci(d.epcis.size());
    std::vector<Sum> byDept(d.departments.size());
    for (std::size_t k = 0; k < d.departments.size(); ++k)
        for (std::uint32_t i = 0; i < d.departments[k].communeCount; ++i) {
            const Commune& c = d.communes[d.departments[k].firstCommune + i];
            if (!c.hasPosition()) continue;
            byDept[k].add(c);
            if (c.epci >= 0) byEpci[static_cast<std::size_t>(c.epci)].add(c);
        }
    for (std::size_t k = 0; k < d.departments.size(); ++k)
        for (std::uint32_t i = 0; i < d.departments[k].communeCount; ++i) {
            Commune& c = d.communes[d.departments[k].firstCommune + i];
            if (c.hasPosition()) continue;
            const Sum* s = c.epci >= 0 && byEpci[static_cast<std::size_t>(c.epci)].w > 0
                               ? &byEpci[static_cast<std::size_t>(c.epci)]
                               : &byDept[k];
            if (s->w <= 0) continue;
            c.latE3 = static_cast<std::int32_t>(std::lround(s->lat / s->w));
            c.lonE3 = static_cast<std::int32_t>(std::lround(s->lon / s->w));
            c.positionEstimated = true;
        }
}

std::shared_ptr<const Data> buildData(RawGeo raw, const char* what) {
    auto fail = [what](const std::string& msg) { throw GeographyError(std::string(what) + ": " + msg); };
    auto data = std::make_shared<Data>();
    Data& d = *data;

    std::sort(raw.regions.begin(), raw.regions.end());
    std::sort(raw.depts.begin(), raw.depts.end(), [](auto& a, auto& b) { return a.code < b.code; });
    for (std::size_t i = 1; i < raw.depts.size(); ++i)
        if (raw.depts[i].code == raw.depts[i - 1].code) fail("duplicate department " + raw.depts[i].code);
    for (std::size_t i = 1; i < raw.communes.size(); ++i)
        if (!(raw.communes[i - 1].code < raw.communes[i].code))
            fail("communes not sorted by code or duplicated at " + raw.communes[i].code);

    // Offsets into the arena first, views afterwards.
    struct Ref {
        std::uint32_t off, len;
    };
    std::size_t total = raw.source.size();
    for (auto& r : raw.regions) total += r.first.size() + r.second.size();
    for (auto& x : raw.depts) total += x.code.size() + x.name.size();
    for (auto& c : raw.communes) total += c.code.size() + c.name.size() + c.postcodes.size();
    for (auto& e : raw.epcis) total += e.code.size() + e.name.size() + e.type.size();
    d.arena.reserve(total);
    auto put = [&d](const std::string& s) {
        Ref r{static_cast<std::uint32_t>(d.arena.size()), static_cast<std::uint32_t>(s.size())};
        d.arena += s;
        return r;
    };
    Ref sourceRef = put(raw.source);
    std::vector<std::pair<Ref, Ref>> regionRefs;
    for (auto& r : raw.regions) regionRefs.emplace_back(put(r.first), put(r.second));
    std::vector<std::pair<Ref, Ref>> deptRefs;
    for (auto& x : raw.depts) deptRefs.emplace_back(put(x.code), put(x.name));
    std::vector<std::tuple<Ref, Ref, Ref>> communeRefs;
    communeRefs.reserve(raw.communes.size());
    for (auto& c : raw.communes) communeRefs.emplace_back(put(c.code), put(c.name), put(c.postcodes));
    std::vector<std::tuple<Ref, Ref, Ref>> epciRefs;
    for (auto& e : raw.epcis) epciRefs.emplace_back(put(e.code), put(e.name), put(e.type));
    auto view = [&d](Ref r) { return std::string_view(d.arena).substr(r.off, r.len); };

    d.source = view(sourceRef);
    for (auto& [c, n] : regionRefs) d.regions.push_back(Region{view(c), view(n)});
    auto findRegion = [&d](std::string_view code) -> const Region* {
        auto it = std::lower_bound(d.regions.begin(), d.regions.end(), code,
                                   [](const Region& r, std::string_view k) { return r.code < k; });
        return it != d.regions.end() && it->code == code ? &*it : nullptr;
    };
    for (std::size_t i = 0; i < raw.depts.size(); ++i) {
        const Region* reg = findRegion(raw.depts[i].region);
        if (!reg) fail("department " + raw.depts[i].code + ": unknown region " + raw.depts[i].region);
        Department dep;
        dep.code = view(deptRefs[i].first);
        dep.name = view(deptRefs[i].second);
        dep.regionCode = reg->code;
        dep.regionName = reg->name;
        dep.zone = raw.depts[i].zone;
        d.departments.push_back(dep);
    }

    d.communes.reserve(raw.communes.size());
    for (std::size_t i = 0; i < raw.communes.size(); ++i) {
        const auto& rc = raw.communes[i];
        if (rc.code.size() != 5) fail("commune code '" + rc.code + "' is not 5 characters");
        if (rc.postcodes.size() % 5 != 0) fail("commune " + rc.code + ": malformed postcodes");
        auto it = std::lower_bound(d.departments.begin(), d.departments.end(), rc.dept,
                                   [](const Department& x, const std::string& k) { return x.code < k; });
        if (it == d.departments.end() || it->code != rc.dept)
            fail("commune " + rc.code + ": unknown department " + rc.dept);
        Commune c;
        c.insee = view(std::get<0>(communeRefs[i]));
        c.name = view(std::get<1>(communeRefs[i]));
        c.postcodesPacked = view(std::get<2>(communeRefs[i]));
        c.dept = it->code;
        c.population = rc.population;
        if (rc.latE3 != Commune::kNoPosition) {
            if (rc.latE3 < -90'000 || rc.latE3 > 90'000 || rc.lonE3 < -180'000 || rc.lonE3 > 180'000)
                fail("commune " + rc.code + ": position out of range");
            c.latE3 = rc.latE3;
            c.lonE3 = rc.lonE3;
        }
        d.communes.push_back(c);
    }
    // Each department's communes form one contiguous range (codes extend the
    // department code, and both lists are sorted).
    for (std::size_t i = 0; i < d.communes.size();) {
        std::size_t j = i;
        while (j < d.communes.size() && d.communes[j].dept == d.communes[i].dept) ++j;
        auto it = std::lower_bound(d.departments.begin(), d.departments.end(), d.communes[i].dept,
                                   [](const Department& x, std::string_view k) { return x.code < k; });
        if (it->communeCount != 0) fail("communes of department " + std::string(it->code) + " are not contiguous");
        it->firstCommune = static_cast<std::uint32_t>(i);
        it->communeCount = static_cast<std::uint32_t>(j - i);
        i = j;
    }

    // EPCI, sorted by code, with their member lists.
    std::vector<std::size_t> order(raw.epcis.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return raw.epcis[a].code < raw.epcis[b].code; });
    for (std::size_t k = 0; k < order.size(); ++k) {
        auto& re = raw.epcis[order[k]];
        if (k > 0 && re.code == raw.epcis[order[k - 1]].code) fail("duplicate EPCI " + re.code);
        Epci e;
        e.code = view(std::get<0>(epciRefs[order[k]]));
        e.name = view(std::get<1>(epciRefs[order[k]]));
        e.type = view(std::get<2>(epciRefs[order[k]]));
        e.firstMember = static_cast<std::uint32_t>(d.members.size());
        std::sort(re.members.begin(), re.members.end());
        for (std::uint32_t m : re.members) {
            if (m >= d.communes.size()) fail("EPCI " + re.code + ": member index out of range");
            if (d.communes[m].epci >= 0) fail("commune " + std::string(d.communes[m].insee) + " belongs to two EPCI");
            d.communes[m].epci = static_cast<std::int32_t>(k);
            d.members.push_back(m);
        }
        e.memberCount = static_cast<std::uint32_t>(re.members.size());
        d.epcis.push_back(e);
    }

    estimatePositions(d);

    // Search index.
    d.keyStart.reserve(d.communes.size() + 1);
    for (const Commune& c : d.communes) {
        d.keyStart.push_back(static_cast<std::uint32_t>(d.keys.size()));
        d.keys += geoSearchKey(c.name);
    }
    d.keyStart.push_back(static_cast<std::uint32_t>(d.keys.size()));
    for (std::uint32_t i = 0; i < d.communes.size(); ++i) {
        for (std::uint32_t p = d.keyStart[i]; p < d.keyStart[i + 1]; ++p)
            if (p == d.keyStart[i] || d.keys[p - 1] == ' ') d.words.push_back({i, p});
    }
    std::sort(d.words.begin(), d.words.end(), [&d](const Data::Word& a, const Data::Word& b) {
        std::string_view ta = d.tail(a), tb = d.tail(b);
        if (ta != tb) return ta < tb;
        return a.commune < b.commune;
    });
    d.words.shrink_to_fit();
    return data;
}

// ---------------------------------------------------------------- binary reader
class Reader {
public:
    explicit Reader(std::string_view b) : b_(b) {}
    std::uint8_t u8(const char* what) {
        if (pos_ >= b_.size()) truncated(what);
        return static_cast<std::uint8_t>(b_[pos_++]);
    }
    std::uint64_t varint(const char* what) {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            std::uint8_t byte = u8(what);
            v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return v;
        }
        throw GeographyError("geo.bin: varint too long at byte " + std::to_string(pos_) + " (" + what + ")");
    }
    std::int64_t zigzag(const char* what) {
        std::uint64_t v = varint(what);
        return (v & 1) ? -static_cast<std::int64_t>(v >> 1) - 1 : static_cast<std::int64_t>(v >> 1);
    }
    std::size_t count(const char* what, std::size_t max) {
        std::uint64_t v = varint(what);
        if (v > max)
            throw GeographyError("geo.bin: implausible count " + std::to_string(v) + " at byte " +
                                 std::to_string(pos_) + " (" + what + ")");
        return static_cast<std::size_t>(v);
    }
    std::string str(const char* what) {
        std::size_t n = count(what, 1 << 16);
        if (b_.size() - pos_ < n) truncated(what);
        std::string s(b_.substr(pos_, n));
        pos_ += n;
        return s;
    }
    bool atEnd() const { return pos_ == b_.size(); }
    std::size_t pos() const { return pos_; }

private:
    [[noreturn]] void truncated(const char* what) {
        throw GeographyError(std::string("geo.bin: truncated at byte ") + std::to_string(pos_) + " (" + what + ")");
    }
    std::string_view b_;
    std::size_t pos_ = 0;
};

std::string zeroPad(std::uint64_t v, std::size_t width) {
    std::string s = std::to_string(v);
    if (s.size() < width) s.insert(0, width - s.size(), '0');
    return s;
}

RawGeo readBinary(std::string_view bytes) {
    if (bytes.size() < 6 || std::memcmp(bytes.data(), kMagic, 5) != 0)
        throw GeographyError("geo.bin: not a geography asset (bad magic); rebuild it with scripts/build-geo.mjs");
    if (static_cast<std::uint8_t>(bytes[5]) != kFormatVersion)
        throw GeographyError("geo.bin: format version " + std::to_string(static_cast<std::uint8_t>(bytes[5])) +
                             ", this program reads version " + std::to_string(kFormatVersion) +
                             "; rebuild it with scripts/build-geo.mjs --force");
    Reader r(bytes.substr(6));
    RawGeo g;
    g.source = r.str("source");
    std::size_t nRegions = r.count("regions", 1000);
    for (std::size_t i = 0; i < nRegions; ++i) {
        std::string code = r.str("region code");
        g.regions.emplace_back(std::move(code), r.str("region name"));
    }
    std::size_t nDepts = r.count("departments", 1000);
    for (std::size_t i = 0; i < nDepts; ++i) {
        RawGeo::Dept dep;
        dep.code = r.str("department code");
        dep.name = r.str("department name");
        std::size_t reg = r.count("department region", nRegions - 1);
        dep.region = g.regions[reg].first;
        std::uint8_t zone = r.u8("department zone");
        if (zone > 1) throw GeographyError("geo.bin: department " + dep.code + ": unknown zone");
        dep.zone = static_cast<GeoZone>(zone);
        g.depts.push_back(std::move(dep));
    }
    std::size_t nCommunes = r.count("communes", 200000);
    g.communes.resize(nCommunes);
    std::vector<std::size_t> perDept(nDepts);
    std::size_t sum = 0;
    for (auto& n : perDept) sum += (n = r.count("communes per department", nCommunes));
    if (sum != nCommunes) throw GeographyError("geo.bin: communes per department do not add up");
    std::size_t k = 0;
    for (std::size_t i = 0; i < nDepts; ++i) {
        const std::string& dc = g.depts[i].code;
        if (dc.size() >= 5) throw GeographyError("geo.bin: department code too long: " + dc);
        std::uint64_t suffix = 0;
        for (std::size_t j = 0; j < perDept[i]; ++j, ++k) {
            suffix += r.varint("commune code");
            g.communes[k].code = dc + zeroPad(suffix, 5 - dc.size());
            g.communes[k].dept = dc;
        }
    }
    for (auto& c : g.communes) c.name = r.str("commune name");
    std::vector<std::size_t> nPostcodes(nCommunes);
    for (auto& n : nPostcodes) n = r.count("postcode count", 100);
    std::int64_t pc = 0;
    for (std::size_t i = 0; i < nCommunes; ++i) {
        for (std::size_t j = 0; j < nPostcodes[i]; ++j) {
            pc += r.zigzag("postcode");
            if (pc < 0 || pc > 99999) throw GeographyError("geo.bin: postcode out of range");
            g.communes[i].postcodes += zeroPad(static_cast<std::uint64_t>(pc), 5);
        }
    }
    for (auto& c : g.communes) c.population = static_cast<std::uint32_t>(r.count("population", 100000000));
    // Positions: a bitmap of the communes that have one, then their deltas.
    std::vector<bool> placed(nCommunes);
    for (std::size_t b = 0; b < nCommunes; b += 8) {
        const std::uint8_t byte = r.u8("position bitmap");
        for (std::size_t j = 0; j < 8 && b + j < nCommunes; ++j) placed[b + j] = (byte >> j & 1u) != 0;
    }
    std::int64_t lat = 0, lon = 0;
    for (std::size_t i = 0; i < nCommunes; ++i) {
        if (!placed[i]) continue;
        lat += r.zigzag("latitude");
        lon += r.zigzag("longitude");
        if (lat < -90'000 || lat > 90'000 || lon < -180'000 || lon > 180'000)
            throw GeographyError("geo.bin: position out of range");
        g.communes[i].latE3 = static_cast<std::int32_t>(lat);
        g.communes[i].lonE3 = static_cast<std::int32_t>(lon);
    }
    std::size_t nEpci = r.count("EPCI", 100000);
    g.epcis.resize(nEpci);
    for (auto& e : g.epcis) {
        e.code = zeroPad(r.varint("EPCI code"), 9);
        e.name = r.str("EPCI name");
        e.type = r.str("EPCI type");
        std::size_t n = r.count("EPCI members", nCommunes);
        std::uint64_t m = 0;
        for (std::size_t j = 0; j < n; ++j) {
            m += r.varint("EPCI member");
            if (m >= nCommunes) throw GeographyError("geo.bin: EPCI " + e.code + ": member out of range");
            e.members.push_back(static_cast<std::uint32_t>(m));
        }
    }
    if (!r.atEnd()) throw GeographyError("geo.bin: trailing bytes after the EPCI section");
    return g;
}

// ---------------------------------------------------------------- JSON reader
using Json = nlohmann::json;

const Json& member(const Json& row, std::size_t i, const std::string& where) {
    if (!row.is_array() || row.size() <= i) throw GeographyError("geo.json: " + where + ": row too short");
    return row[i];
}
std::string jstr(const Json& v, const std::string& where) {
    if (!v.is_string()) throw GeographyError("geo.json: " + where + ": expected a string, got " + v.type_name());
    return v.get<std::string>();
}
const Json& jarray(const Json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_array())
        throw GeographyError(std::string("geo.json: '") + key + "' missing or not an array");
    return *it;
}

RawGeo readJson(std::string_view text) {
    Json j = Json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw GeographyError("geo.json: not a JSON object");
    if (j.value("format", "") != "alin-geo") throw GeographyError("geo.json: 'format' is not \"alin-geo\"");
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != kFormatVersion)
        throw GeographyError("geo.json: unsupported version; rebuild it with scripts/build-geo.mjs --force");
    RawGeo g;
    g.source = j.contains("source") && j["source"].is_string() ? j["source"].get<std::string>() : "";
    const Json& regions = jarray(j, "regions");
    for (std::size_t i = 0; i < regions.size(); ++i) {
        std::string w = "regions[" + std::to_string(i) + "]";
        g.regions.emplace_back(jstr(member(regions[i], 0, w), w), jstr(member(regions[i], 1, w), w));
    }
    const Json& depts = jarray(j, "departements");
    for (std::size_t i = 0; i < depts.size(); ++i) {
        std::string w = "departements[" + std::to_string(i) + "]";
        RawGeo::Dept dep;
        dep.code = jstr(member(depts[i], 0, w), w);
        dep.name = jstr(member(depts[i], 1, w), w);
        dep.region = jstr(member(depts[i], 2, w), w);
        std::string zone = jstr(member(depts[i], 3, w), w);
        if (zone == "metro")
            dep.zone = GeoZone::Metro;
        else if (zone == "drom")
            dep.zone = GeoZone::Drom;
        else
            throw GeographyError("geo.json: " + w + ": unknown zone " + zone);
        g.depts.push_back(std::move(dep));
    }
    const Json& communes = jarray(j, "communes");
    g.communes.reserve(communes.size());
    for (std::size_t i = 0; i < communes.size(); ++i) {
        std::string w = "communes[" + std::to_string(i) + "]";
        RawGeo::Com c;
        c.code = jstr(member(communes[i], 0, w), w);
        c.name = jstr(member(communes[i], 1, w), w);
        c.dept = jstr(member(communes[i], 2, w), w);
        const Json& pcs = member(communes[i], 3, w);
        if (!pcs.is_array()) throw GeographyError("geo.json: " + w + ": postcodes must be an array");
        for (const Json& pc : pcs) {
            std::string s = jstr(pc, w);
            if (s.size() != 5 || !isDigits(s)) throw GeographyError("geo.json: " + w + ": bad postcode " + s);
            c.postcodes += s;
        }
        const Json& pop = member(communes[i], 4, w);
        if (!pop.is_number_unsigned() && !(pop.is_number_integer() && pop.get<std::int64_t>() >= 0))
            throw GeographyError("geo.json: " + w + ": population must be a non-negative integer");
        c.population = pop.get<std::uint32_t>();
        if (communes[i].size() > 6 && !communes[i][5].is_null()) {
            const Json& la = communes[i][5];
            const Json& lo = communes[i][6];
            if (!la.is_number_integer() || !lo.is_number_integer() || std::abs(la.get<std::int64_t>()) > 90'000 ||
                std::abs(lo.get<std::int64_t>()) > 180'000)
                throw GeographyError("geo.json: " + w + ": position must be two integers in 1e-3 degree");
            c.latE3 = la.get<std::int32_t>();
            c.lonE3 = lo.get<std::int32_t>();
        }
        g.communes.push_back(std::move(c));
    }
    std::sort(g.communes.begin(), g.communes.end(), [](auto& a, auto& b) { return a.code < b.code; });
    auto indexOf = [&g](const std::string& code) -> std::int64_t {
        auto it = std::lower_bound(g.communes.begin(), g.communes.end(), code,
                                   [](const RawGeo::Com& c, const std::string& k) { return c.code < k; });
        return it != g.communes.end() && it->code == code ? it - g.communes.begin() : -1;
    };
    const Json& epcis = jarray(j, "epci");
    for (std::size_t i = 0; i < epcis.size(); ++i) {
        std::string w = "epci[" + std::to_string(i) + "]";
        RawGeo::Grp e;
        e.code = jstr(member(epcis[i], 0, w), w);
        e.name = jstr(member(epcis[i], 1, w), w);
        e.type = jstr(member(epcis[i], 2, w), w);
        const Json& ms = member(epcis[i], 3, w);
        if (!ms.is_array()) throw GeographyError("geo.json: " + w + ": members must be an array");
        for (const Json& m : ms) {
            std::int64_t idx = indexOf(jstr(m, w));
            if (idx < 0) throw GeographyError("geo.json: " + w + ": unknown member commune " + m.get<std::string>());
            e.members.push_back(static_cast<std::uint32_t>(idx));
        }
        g.epcis.push_back(std::move(e));
    }
    return g;
}

}  // namespace

std::vector<std::string> Commune::postcodes() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < postcodeCount(); ++i) out.emplace_back(postcode(i));
    return out;
}

// ====================================================================== Geography
Geography::Geography() : d_(std::make_shared<Data>()) {}
Geography::Geography(std::shared_ptr<const Data> data) : d_(std::move(data)) {}

Geography Geography::fromBytes(std::string_view bytes) {
    return Geography(buildData(readBinary(bytes), "geo.bin"));
}
Geography Geography::fromJson(std::string_view text) {
    return Geography(buildData(readJson(text), "geo.json"));
}

bool Geography::empty() const {
    return d_->communes.empty();
}
std::string_view Geography::source() const {
    return d_->source;
}

namespace {
template <class T, class Key>
const T* findByCode(const std::vector<T>& v, std::string_view code, Key key) {
    auto it = std::lower_bound(v.begin(), v.end(), code, [&](const T& x, std::string_view k) { return key(x) < k; });
    return it != v.end() && key(*it) == code ? &*it : nullptr;
}
}  // namespace

const Commune* Geography::commune(std::string_view insee) const {
    return findByCode(d_->communes, insee, [](const Commune& c) { return c.insee; });
}
const Department* Geography::department(std::string_view code) const {
    return findByCode(d_->departments, code, [](const Department& x) { return x.code; });
}
const Region* Geography::region(std::string_view code) const {
    return findByCode(d_->regions, code, [](const Region& x) { return x.code; });
}
const Epci* Geography::epci(std::string_view code) const {
    return findByCode(d_->epcis, code, [](const Epci& x) { return x.code; });
}
const Epci* Geography::epciOf(std::string_view insee) const {
    const Commune* c = commune(insee);
    return c && c->epci >= 0 ? &d_->epcis[static_cast<std::size_t>(c->epci)] : nullptr;
}

std::span<const Region> Geography::regions() const {
    return d_->regions;
}
std::span<const Department> Geography::departments() const {
    return d_->departments;
}
std::span<const Commune> Geography::communes() const {
    return d_->communes;
}
std::span<const Epci> Geography::epcis() const {
    return d_->epcis;
}

std::span<const Commune> Geography::communesOf(std::string_view deptCode) const {
    const Department* dep = department(deptCode);
    if (!dep) return {};
    return std::span<const Commune>(d_->communes).subspan(dep->firstCommune, dep->communeCount);
}

std::vector<const Commune*> Geography::members(const Epci& e) const {
    std::vector<const Commune*> out;
    out.reserve(e.memberCount);
    for (std::uint32_t i = 0; i < e.memberCount; ++i) out.push_back(&d_->communes[d_->members[e.firstMember + i]]);
    return out;  // member indices are sorted, so is the result
}

std::vector<const Commune*> Geography::neighbours(std::string_view insee) const {
    std::vector<const Commune*> out;
    const Commune* c = commune(insee);
    if (!c || c->epci < 0) return out;
    for (const Commune* m : members(d_->epcis[static_cast<std::size_t>(c->epci)]))
        if (m != c) out.push_back(m);
    return out;
}

OfferTab OfferAreas::tabOf(std::string_view insee) const {
    auto in = [insee](const std::vector<const Commune*>& v) {
        return std::binary_search(v.begin(), v.end(), insee, [](const auto& a, const auto& b) {
            if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::string_view>)
                return a < b->insee;
            else
                return a->insee < b;
        });
    };
    if (in(requested_)) return OfferTab::Requested;
    if (in(neighbours_)) return OfferTab::Neighbours;
    if (in(others_)) return OfferTab::Department;
    return OfferTab::None;
}

OfferAreas Geography::offerAreas(std::span<const std::string> requestedInsee) const {
    OfferAreas a;
    std::vector<std::uint8_t> tab(d_->communes.size(), 0);
    for (const std::string& code : requestedInsee) {
        const Commune* c = commune(code);
        if (!c || tab[indexOf(*c)]) continue;
        tab[indexOf(*c)] = 1;
        if (std::find(a.departments_.begin(), a.departments_.end(), c->dept) == a.departments_.end())
            a.departments_.emplace_back(c->dept);
    }
    for (std::size_t i = 0; i < tab.size(); ++i) {
        if (tab[i] != 1) continue;
        const Commune& c = d_->communes[i];
        if (c.epci < 0) continue;
        for (const Commune* m : members(d_->epcis[static_cast<std::size_t>(c.epci)]))
            if (!tab[indexOf(*m)]) tab[indexOf(*m)] = 2;
    }
    for (const std::string& dep : a.departments_)
        for (const Commune& c : communesOf(dep))
            if (!tab[indexOf(c)]) tab[indexOf(c)] = 3;
    for (std::size_t i = 0; i < tab.size(); ++i) {
        if (tab[i] == 1)
            a.requested_.push_back(&d_->communes[i]);
        else if (tab[i] == 2)
            a.neighbours_.push_back(&d_->communes[i]);
        else if (tab[i] == 3)
            a.others_.push_back(&d_->communes[i]);
    }
    return a;
}

std::vector<const Commune*> Geography::search(std::string_view query, std::size_t limit,
                                              std::string_view deptCode) const {
    std::vector<const Commune*> out;
    if (limit == 0) return out;
    const Data& d = *d_;
    std::span<const Commune> scope = d.communes;
    if (!deptCode.empty()) scope = communesOf(deptCode);
    if (scope.empty()) return out;
    auto inScope = [&](std::uint32_t i) {
        const Commune* c = &d.communes[i];
        return c >= scope.data() && c < scope.data() + scope.size();
    };
    struct Hit {
        std::uint32_t commune;
        bool whole;
    };
    std::vector<Hit> hits;

    std::string_view q = domain::utf8::trim(query);
    if (q.empty()) return out;
    if (q[0] >= '0' && q[0] <= '9') {
        // INSEE code or postcode prefix.
        std::string code;
        for (char c : q) {
            if (c == ' ') continue;
            code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        }
        if (code.size() > 5) return out;
        for (const Commune& c : scope) {
            bool match = c.insee.substr(0, code.size()) == code;
            for (std::size_t k = 0; !match && k < c.postcodeCount(); ++k)
                match = c.postcode(k).substr(0, code.size()) == code;
            if (match) hits.push_back({static_cast<std::uint32_t>(indexOf(c)), c.insee == code});
        }
    } else {
        std::string key = geoSearchKey(q);
        if (key.empty()) return out;
        // "st etienne" -> "saint etienne"; only words followed by another one
        // (a lone final "st" may be the start of "Strasbourg").
        std::string expanded;
        std::size_t start = 0;
        while (start < key.size()) {
            std::size_t end = key.find(' ', start);
            bool last = end == std::string::npos;
            std::string_view w = std::string_view(key).substr(start, last ? std::string::npos : end - start);
            if (!expanded.empty()) expanded += ' ';
            if (!last && w == "st")
                expanded += "saint";
            else if (!last && w == "ste")
                expanded += "sainte";
            else
                expanded += w;
            start = last ? key.size() : end + 1;
        }
        auto lo = std::lower_bound(d.words.begin(), d.words.end(), std::string_view(expanded),
                                   [&d](const Data::Word& w, std::string_view k) { return d.tail(w) < k; });
        for (auto it = lo; it != d.words.end(); ++it) {
            std::string_view t = d.tail(*it);
            if (t.substr(0, expanded.size()) != expanded) break;
            if (inScope(it->commune)) hits.push_back({it->commune, it->pos == d.keyStart[it->commune]});
        }
    }
    // One hit per commune (the best), then rank.
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return a.commune != b.commune ? a.commune < b.commune : a.whole > b.whole;
    });
    hits.erase(std::unique(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.commune == b.commune; }),
               hits.end());
    auto better = [&d](const Hit& a, const Hit& b) {
        if (a.whole != b.whole) return a.whole;
        std::uint32_t pa = d.communes[a.commune].population, pb = d.communes[b.commune].population;
        if (pa != pb) return pa > pb;
        return a.commune < b.commune;
    };
    std::size_t n = std::min(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(), better);
    for (std::size_t i = 0; i < n; ++i) out.push_back(&d.communes[hits[i].commune]);
    return out;
}

std::size_t Geography::memoryBytes() const {
    const Data& d = *d_;
    return sizeof(Data) + d.arena.capacity() + d.regions.capacity() * sizeof(Region) +
           d.departments.capacity() * sizeof(Department) + d.communes.capacity() * sizeof(Commune) +
           d.epcis.capacity() * sizeof(Epci) + d.members.capacity() * sizeof(std::uint32_t) + d.keys.capacity() +
           d.keyStart.capacity() * sizeof(std::uint32_t) + d.words.capacity() * sizeof(Data::Word);
}

Geography loadGeographyFile(const std::string& path) {
#if defined(__EMSCRIPTEN__)
    (void)path;
    throw GeographyError("loadGeographyFile is not available in the browser: fetch the asset and call fromBytes");
#else
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        throw GeographyError("cannot open " + path +
                             " (build it with: node scripts/build-geo.mjs, run by scripts/setup.sh)");
    std::string bytes;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    bool err = std::ferror(f) != 0;
    std::fclose(f);
    if (err) throw GeographyError("error reading " + path);
    bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    return json ? Geography::fromJson(bytes) : Geography::fromBytes(bytes);
#endif
}

}  // namespace alin
