/* rule_lib.c - LIB rules */
#include "config.h"

#include "rule.h"

const struct rule_impl rule_impls_lib[] = {
	{ 0 },
};
