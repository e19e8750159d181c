;; keeps 8 MiB arrays, every element written, until memory runs out
(let ((keep '()))
  (loop (push (make-array 1048576 :element-type '(unsigned-byte 64) :initial-element 7) keep)))
