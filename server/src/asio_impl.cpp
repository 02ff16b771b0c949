// Asio and Beast compiled once, here (BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION are set for the whole library): every other file that
// uses them only parses declarations.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
