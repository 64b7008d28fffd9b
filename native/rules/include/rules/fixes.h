// One command per connector (issue 11): the edits that findings ask of one connector are folded into one
// Set-ReceiveConnector command that makes all of them at once, written on each of those findings. The
// edits compose (removals of addresses from RemoteIPRanges, additions to it, flags added and taken away)
// instead of each replacing a whole property, so running every command of an analysis in order never
// undoes another.
#pragma once

#include <vector>

#include "finding/finding.h"
#include "model/organisation.h"

namespace ecd {

/// Folds the edits of `findings` per connector into each finding's fix and remediation command. A
/// connector whose edits cannot be made together (two values for one property, a list that would be
/// empty or beyond the directory's limit, a combination Exchange refuses) gets no command; its findings
/// say why in their remediation.
void fold_fixes(const Organisation& organisation, std::vector<Finding>& findings);

}  // namespace ecd
