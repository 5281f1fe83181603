// The progress line of `rasconform check` on a terminal: which cases of how
// many are running, for which DLL.
#include <boost/test/unit_test.hpp>

#include "conformance/cli/progress.hpp"

using rasconform::cli::Progress;

BOOST_AUTO_TEST_SUITE(cli_progress)

BOOST_AUTO_TEST_CASE(the_progress_line_counts_steps) {
    BOOST_TEST(Progress::line(19, 11, 1, "robust.bounded-resources", "x.dll") ==
               "[12/19] robust.bounded-resources  x.dll");
    BOOST_TEST(Progress::line(19, 5, 14, "dynamic cases", "x.dll") == "[6-19/19] dynamic cases  x.dll");
}

BOOST_AUTO_TEST_SUITE_END()
