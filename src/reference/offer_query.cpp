// The offer search's query (offer_search.h): parsed from the query string or a
// JSON object, with a French error per bad field, and written back as parameters.
#include <charconv>
#include <map>

#include "i18n/catalog.h"
#include "reference/offer_search.h"

namespace alin {
namespace {

// The rooms filter's last choice, "5 et plus" (docs/offers-api.md: rooms=5).
constexpr std::int64_t kRoomsAndMore = 5;

std::string intText(std::int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Digits only (no sign, no spaces inside), at most 12 of them.
std::optional<std::int64_t> wholeNumber(std::string_view s) {
    s = trim(s);
    if (s.empty() || s.size() > 12) return std::nullopt;
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<bool> flagValue(std::string_view s) {
    const std::string v = lower(trim(s));
    if (v.empty() || v == "0" || v == "false" || v == "non" || v == "off" || v == "no") return false;
    if (v == "1" || v == "true" || v == "oui" || v == "on" || v == "yes") return true;
    return std::nullopt;
}

// "2,3" or "T2, T3"; a bare 5 is the client's "5 et plus" (T5 and T6), as are
// "5+" and "5 et plus"; "T5" is T5 alone; 6 / T6 is T6 (six rooms or more); empty: any.
std::optional<std::uint8_t> roomsValue(std::string_view s) {
    std::uint8_t mask = 0;
    while (true) {
        const std::size_t comma = s.find(',');
        std::string token = lower(trim(s.substr(0, comma)));
        if (!token.empty()) {
            bool andMore = false;
            if (token.back() == '+') {
                andMore = true;
                token.pop_back();
            } else if (token.size() > 8 && token.compare(token.size() - 8, 8, " et plus") == 0) {
                andMore = true;
                token.resize(token.size() - 8);
            }
            const bool exact = !token.empty() && token.front() == 't';
            if (exact) token.erase(0, 1);
            const std::optional<std::int64_t> rooms = wholeNumber(token);
            if (!rooms || *rooms < 1 || *rooms > domain::kMaxRooms) return std::nullopt;
            if (*rooms == kRoomsAndMore && !exact) andMore = true;
            for (std::int64_t r = *rooms; r <= (andMore ? domain::kMaxRooms : *rooms); ++r)
                mask = static_cast<std::uint8_t>(mask | 1u << r);
        }
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return mask;
}

}  // namespace

ParsedQuery queryFromJson(const std::map<std::string, std::string>& params) {
    ParsedQuery r;
    SearchQuery& q = r.query;
    auto fail = [&r](const char* field, const char* key) { r.errors.push_back({field, key, tr(key)}); };
    auto value = [&params](const char* name) -> std::optional<std::string_view> {
        const auto it = params.find(name);
        if (it == params.end() || trim(it->second).empty()) return std::nullopt;
        return trim(it->second);
    };

    if (const auto v = value("tab")) {
        const std::string t = lower(*v);
        if (t == "requested" || t == "1")
            q.tab = SearchTab::Requested;
        else if (t == "neighbours" || t == "neighbors" || t == "2")
            q.tab = SearchTab::Neighbours;
        else if (t == "others" || t == "department" || t == "3")
            q.tab = SearchTab::Department;
        else
            fail("tab", "offers.error.tab");
    }
    if (const auto v = value("rooms")) {
        if (const auto mask = roomsValue(*v))
            q.roomsMask = *mask;
        else
            fail("rooms", "offers.error.rooms");
    }
    for (auto [name, target] :
         {std::pair<const char*, bool*>{"house", &q.house}, {"apartment", &q.apartment}, {"pmr", &q.pmr}}) {
        if (const auto v = value(name)) {
            if (const auto b = flagValue(*v))
                *target = *b;
            else
                fail(name, "offers.error.flag");
        }
    }
    bool pricesOk = true;
    for (auto [name, target] : {std::pair<const char*, std::optional<std::int64_t>*>{"priceMin", &q.priceMinEuros},
                                {"priceMax", &q.priceMaxEuros}}) {
        if (const auto v = value(name)) {
            const auto euros = wholeNumber(*v);
            if (euros && *euros <= kMaxPriceEuros) {
                *target = *euros;
            } else {
                fail(name, "offers.error.price");
                pricesOk = false;
            }
        }
    }
    if (pricesOk && q.priceMinEuros && q.priceMaxEuros && *q.priceMinEuros > *q.priceMaxEuros)
        fail("priceMax", "offers.error.price_order");
    if (const auto v = value("sort")) {
        const std::string s = lower(*v);
        constexpr int kPublishedIndex = static_cast<int>(SearchSort::PublishedNewest);  // alias "published"
        bool known = false;
        for (int k = 0; k < kSearchSortCount && !known; ++k)
            if (searchSortCode(static_cast<SearchSort>(k)) == s || (s == "published" && k == kPublishedIndex)) {
                q.sort = static_cast<SearchSort>(k);
                known = true;
            }
        if (!known) fail("sort", "offers.error.sort");
    }
    if (const auto v = value("page")) {
        const auto page = wholeNumber(*v);
        if (page && *page >= 1 && *page <= kMaxPage)
            q.page = static_cast<int>(*page);
        else
            fail("page", "offers.error.page");
    }
    if (const auto v = value("pageSize")) {
        const auto size = wholeNumber(*v);
        if (size && *size >= 1 && *size <= kMaxPageSize)
            q.pageSize = static_cast<int>(*size);
        else
            fail("pageSize", "offers.error.page_size");
    }
    return r;
}

ParsedQuery queryFromJson(const nlohmann::json& object) {
    if (!object.is_object()) {
        ParsedQuery r;
        r.errors.push_back({"", "offers.error.query", tr("offers.error.query")});
        return r;
    }
    // Every value as the text the query string would carry; what cannot be
    // written so becomes a value the parser refuses for that field.
    auto text = [](const nlohmann::json& v) -> std::string {
        if (v.is_string()) return v.get<std::string>();
        if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
        if (v.is_number_integer()) return intText(v.get<std::int64_t>());
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (d >= 0 && d <= 1e12 && d == static_cast<double>(static_cast<std::int64_t>(d)))
                return intText(static_cast<std::int64_t>(d));
        }
        return "?";
    };
    std::map<std::string, std::string> params;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it->is_null()) continue;
        if (it->is_array()) {
            std::string joined;
            for (const auto& element : *it) {
                if (!joined.empty()) joined.push_back(',');
                joined += element.is_array() || element.is_object() ? std::string("?") : text(element);
            }
            params[it.key()] = joined.empty() && !it->empty() ? "?" : joined;
        } else {
            params[it.key()] = text(*it);
        }
    }
    return queryFromJson(params);
}

std::map<std::string, std::string> queryToParams(const SearchQuery& q) {
    std::map<std::string, std::string> p;
    if (q.tab != SearchTab::Requested) p["tab"] = std::string(searchTabCode(q.tab));
    if (q.roomsMask != 0) {
        std::string rooms;
        auto append = [&rooms](const std::string& token) {
            if (!rooms.empty()) rooms.push_back(',');
            rooms += token;
        };
        for (int r = 1; r < kRoomsAndMore; ++r)
            if ((q.roomsMask >> r) & 1u) append(intText(r));
        const bool five = (q.roomsMask >> 5) & 1u, six = (q.roomsMask >> 6) & 1u;
        if (five && six)
            append("5");  // "5 et plus"
        else if (five)
            append("T5");
        else if (six)
            append("6");
        p["rooms"] = rooms;
    }
    // Constructed in place, not assigned: GCC 12 at -O3 reports assigning a
    // literal to a std::string as an impossible memcpy (GCC bug 105329).
    if (q.house) p.emplace("house", "1");
    if (q.apartment) p.emplace("apartment", "1");
    if (q.pmr) p.emplace("pmr", "1");
    if (q.priceMinEuros) p["priceMin"] = intText(*q.priceMinEuros);
    if (q.priceMaxEuros) p["priceMax"] = intText(*q.priceMaxEuros);
    if (q.sort != SearchSort::PublishedNewest) p["sort"] = std::string(searchSortCode(q.sort));
    if (q.page != 1) p["page"] = intText(q.page);
    if (q.pageSize != kDefaultPageSize) p["pageSize"] = intText(q.pageSize);
    return p;
}
}  // namespace alin
