// The PostgreSQL client library (libpq, Debian's libpq-dev puts its headers in /usr/include/postgresql).
#ifndef CLIBPQ_SHIM_H
#define CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
