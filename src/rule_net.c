/* rule_net.c - NET rules */
#include "config.h"

#include "rule.h"

const struct rule_impl rule_impls_net[] = {
	{ 0 },
};
