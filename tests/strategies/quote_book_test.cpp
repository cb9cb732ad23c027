#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>

#include "alvh/strategies/quote_book.hpp"

using namespace alvh;
using alvh::strategies::QuoteBook;

namespace {

Quote quote(Instrument i, double bid) { return {std::move(i), bid, bid + 0.1, {}, {}, {}, {}}; }

}  // namespace

TEST_CASE("the quote book keeps the newest quote of each instrument and none of another") {
  const Date e = make_date(2024, 3, 14);
  QuoteBook book;
  book.update(std::vector<Quote>{quote(spxw_option(e, 5100, OptionType::Put), 1.0),
                                 quote(spxw_option(e, 5100, OptionType::Call), 2.0)});
  book.update(std::vector<Quote>{quote(spxw_option(e, 5100, OptionType::Put), 1.5)});
  REQUIRE(book.size() == 2);
  CHECK(book.find(spxw_option(e, 5100, OptionType::Put))->bid == 1.5);
  CHECK(book.find(spxw_option(e, 5100, OptionType::Call))->bid == 2.0);
  CHECK(book.find(spxw_option(e, 5105, OptionType::Put)).has_value() == false);
  CHECK(book.find(vix_option(e, 5100, OptionType::Put)).has_value() == false);  // other root, same fields
  CHECK(book.find(spxw_option(make_date(2024, 3, 15), 5100, OptionType::Put)).has_value() == false);
}

TEST_CASE("the quote book drops whole expired series and keeps later ones") {
  QuoteBook book;
  const Date d1 = make_date(2024, 3, 14), d2 = make_date(2024, 3, 15);
  book.update(std::vector<Quote>{quote(spxw_option(d1, 5100, OptionType::Put), 1.0),
                                 quote(spxw_option(d2, 5100, OptionType::Put), 1.0)});
  book.drop_expired_before(d2);
  CHECK(book.find(spxw_option(d1, 5100, OptionType::Put)).has_value() == false);
  CHECK(book.find(spxw_option(d2, 5100, OptionType::Put)).has_value());
  CHECK(book.size() == 1);
}

// The book replaced a std::map keyed by the instrument's fields; on random update streams in any
// order the two must agree on every lookup.
TEST_CASE("the quote book agrees with a map of the latest quotes on random update streams") {
  std::mt19937 rng(20261125);
  const std::vector<Date> expiries{make_date(2024, 3, 14), make_date(2024, 3, 15), make_date(2024, 4, 17)};
  for (int round = 0; round < 50; ++round) {
    QuoteBook book;
    std::map<std::tuple<int, int, int, double, std::string>, double> reference;
    auto key = [](const Instrument& i) {
      return std::tuple{static_cast<int>(i.kind), static_cast<int>(i.right),
                        static_cast<int>(std::chrono::sys_days{i.expiry}.time_since_epoch().count()), i.strike, i.root};
    };
    std::vector<Instrument> universe;
    for (Date e : expiries)
      for (double k = 5000; k <= 5100; k += 5)
        for (auto r : {OptionType::Put, OptionType::Call}) {
          universe.push_back(spxw_option(e, k, r));
          universe.push_back(vix_option(e, k / 250.0, r));
        }
    for (int batch = 0; batch < 20; ++batch) {
      std::vector<Quote> qs;
      const bool ascending = rng() % 2 == 0;
      std::size_t start = rng() % universe.size();
      for (int n = 0; n < 40; ++n) {
        const auto& i = universe[ascending ? (start + static_cast<std::size_t>(n)) % universe.size() : rng() % universe.size()];
        qs.push_back(quote(i, static_cast<double>(rng() % 1000) / 100.0));
      }
      book.update(qs);
      for (const auto& q : qs) reference[key(q.instrument)] = q.bid;
    }
    INFO("round " << round << ", " << reference.size() << " instruments quoted");
    REQUIRE(book.size() == reference.size());
    for (const auto& i : universe) {
      const auto q = book.find(i);
      auto it = reference.find(key(i));
      REQUIRE(q.has_value() == (it != reference.end()));
      if (q) REQUIRE(q->bid == it->second);
    }
  }
}
