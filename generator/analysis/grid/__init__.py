"""World-scale evaluation: every directed pair × column (offence or measure) × person scenario
at once, as arrays of step-kind ids.

A rule's step depends only on its declared `Inputs`. So for each rule the engine gives every
state a small signature id per column (the values and confidences of the facts it reads in that
role), combines them with the pair's legal basis, the column and the person, and runs the rule
once per distinct combination, on one representative case. Every other case with the same
combination shares that step kind. Verdicts are the most severe outcome over a cell's steps.
Traces are bound to the facts of a particular pair only when someone looks at them (`bind`).

Modules, each importing only those above it:

- `keys`: interning (`Interner`), the table of step kinds (`KindTable`) and the packed cell key
  with its bit widths (`BITS`, `packed`, `check_dimensions`).
- `outcomes`: verdict, confidence, best and worst case per cell from the kind ids of its steps.
- `bases`: the legal basis of every cell (extradition) or pair (assistance), and pair inputs.
- `build`: rule states, block evaluation, `build_grid` and the `Grid` it returns. Rules are
  independent of one another, so at world scale `build_grid` evaluates them in two forked
  processes, each rule into its own kind table, and adopts the tables in rule order: the ids
  are those one process would give (`RuleLayer`, `_adopt`).
- `whatif`: the verdicts that change when one fact of one state changes (`what_if(s)`).
- `binding`: full verdicts with traces, on demand (`bind`, `verdict_at`, `Verdicts`).
- `details`: per-cell facts the open data lists (`Details`: basis label, deciding rules, other
  routes).

Outcome severity and confidence rank are those of `results` (`OUTCOMES`, `CONFIDENCES`: the
index of a name is what the arrays hold).

Glossary

- column: one offence (extradition) or one measure (assistance); axis 3 of every cell array.
  What a rule reads of the column itself is its *column input* (`Inputs.column`).
- person: the person scenario, "national" or "other" (extradition) or the single None
  (assistance); axis 4 of every cell array.
- cell: one question, (requesting, requested, column, person): indexes into the arrays
  [n, n, columns, persons]; the diagonal (a state asking itself) is never evaluated.
- side: a state's signature in one role for one rule and column: the values and confidences of
  every fact the rule reads of it as requesting (a) or requested (b) state
  (`side_signature`), interned per rule into a side id (0: the rule reads nothing in that role).
- pair: what a rule reads of two states together (`Inputs.pair`, e.g. a designation naming the
  partner), computed only for states that share a relation and interned per rule into pair
  ids [n, n] (0: none).
- basis part: what a rule reads of a cell's legal basis (`Inputs.basis`): the whole basis
  ("step") or a projection of it (`bounds.basis_part`), interned per rule, so that cells whose
  bases differ in what the rule ignores share its step.
- kind: a `StepKind`, what one rule concluded independent of which two states asked (outcome,
  reason template, slots, confidence, bounds); its id in the grid's `KindTable` is what
  `Grid.steps` holds per rule and cell (0: the rule did not apply).
- slot: a fact a kind read, named by role rather than by state, (owner "a" / "b" or
  "relation:<id>", fact path), so that `bind` can read it again for any pair.
- packed key: one int64 per cell and rule from its six input ids (side a, side b, basis part,
  pair, person, column input) at the fixed bit widths of `keys.BITS`, so keys made at build
  time and in a what-if compare equal when the inputs are equal.
- memo: per rule (`RuleState.memo`, a `Memo`), the kind id of every plain key a what-if has
  seen (sorted arrays, plus recent keys not yet merged); a what-if runs a rule only for keys
  the memo lacks. `build_grid` needs none: it evaluates each rule once, for every distinct key.
- plain key: a packed key with its two side ids replaced by ids of the same signatures without
  confidences; cases with the same plain key share outcome, reason and bounds: the rule runs
  once per plain key. In a build each distinct packed key then takes that kind with the
  confidence of the facts its slots name for that key's cells (array operations,
  `build._with_confidences`); a what-if keeps the kind as first found.
- joint class: kinds alike in everything `bounds.joint_best` reads (best case, the unknown facts
  they reach, their completions), so kinds that differ only in confidence or wording share one
  joint best case (`KindTable.joint_classes`).
- block: the cells one evaluation covers (`Block`): some requesting rows × some requested
  columns (× some columns), with the side ids and basis ids to use; `build_grid` evaluates the
  whole world as one block per rule, a what-if the changed states' row and column.
- draft: a `GridDraft`, what block evaluation needs before the `Grid` exists (columns, persons,
  kind table, bases, context); the grid is made from it once every rule's layer is evaluated.
- what-if: the verdicts that move when one fact of one state changes, each state alone
  (`what_if`, `what_ifs`): only the changed states' rows and columns, only the rules that read
  the fact, only the column it belongs to, are evaluated again; a `Change` holds the counts by
  (before, after) and a few `results.Example`s. It counts outcomes, never confidences, so it
  keys cells by plain keys and its layers' kinds may differ from the grid's in confidence.
- outcome id: kinds alike in all a cell's best and worst case read of them (best and worst
  case, joint class) share one (`KindTable.outcome_ids`); a what-if decides again only cells
  where a re-run rule's outcome id changed.
"""

from .binding import Verdicts, bind, verdict_at
from .build import Grid, build_grid
from .details import Details, details, rule_names
from .keys import Interner
from .whatif import Change, basis_fact, improves, what_if, what_ifs

__all__ = [
    "Change",
    "Details",
    "Grid",
    "Interner",
    "Verdicts",
    "basis_fact",
    "bind",
    "build_grid",
    "details",
    "improves",
    "rule_names",
    "verdict_at",
    "what_if",
    "what_ifs",
]
