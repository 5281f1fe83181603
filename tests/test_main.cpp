// The one translation unit that defines the Boost.Test module. MinGW builds
// have no Boost libraries, so they compile the framework in here, once.
#define BOOST_TEST_MODULE rasconform
#ifdef RAS_BOOST_TEST_HEADER_ONLY
#include <boost/test/included/unit_test.hpp>
#else
#include <boost/test/unit_test.hpp>
#endif
