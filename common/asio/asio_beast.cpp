// asio_beast: the one translation unit that compiles Boost.Asio, its SSL layer and Beast. Every
// other file sees only declarations (BOOST_*_SEPARATE_COMPILATION), so each Beast user builds fast.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
