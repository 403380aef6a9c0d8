/* rule_file.c - FILE rules */
#include "config.h"

#include "rule.h"

const struct rule_impl rule_impls_file[] = {
	{ 0 },
};
