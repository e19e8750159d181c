#error "the submission's own solve.h must be replaced by the problem's"
