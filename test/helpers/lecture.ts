// The worked example's numbers, as ../shared/lecture/NOTES.md recomputes them in double
// precision (6 significant digits), and what the slides print.

export const notes = {
  x: [[1.0], [-0.5]],
  y: 1.0,
  Theta1: [
    [1.2, 2.1, -1.5],
    [-0.3, -0.7, 0.3],
  ],
  Theta2: [[-0.2], [0.5], [1.3]],
  s1: [[1.35], [2.45], [-1.65]],
  h1: [[0.79413], [0.920561], [0.161109]],
  s2: 0.510896,
  y_hat: 0.625017,
  E: 0.0703063,
  dE_dyhat: -0.374983,
  dE_ds2: -0.0878852,
  dE_dTheta2: [[-0.0697922], [-0.0809037], [-0.0141591]],
  gamma: 1,
  Theta2_new: [[-0.130208], [0.580904], [1.314159]],
  dE_dh1: [[0.017577], [-0.0439426], [-0.1142507]],
  dE_ds1: [[0.00287363], [-0.00321344], [-0.0154413]],
  dE_dTheta1: [
    [0.00287363, -0.00321344, -0.0154413],
    [-0.00143682, 0.00160672, 0.00772066],
  ],
} as const;

/** ŷ when Θ1[1,3] is 1.5, as the slide prints it. */
export const yHatWithPrinted15 = 0.791472;

/** The cells whose slide value is wrong (NOTES.md), and those that agree within rounding. */
export const slideWrong = ['Theta1', 'E', 'dE_dTheta2', 'Theta2_new'];
export const slideAgrees = ['Theta2', 's1', 'h1', 's2', 'y_hat', 'dE_dyhat'];
/** The workbook's reproduction of the slide's wrong chain rule agrees with the slide's numbers. */
export const slideReproduced = ['dE_dTheta2_slide'];

export const workbookPath = 'workbooks/07-backpropagation.md';

/** The lecture's workbooks (workbooks/), in the gallery's order. */
export const lectureWorkbooks = [
  '01-perceptron.md',
  '02-activation-functions.md',
  '03-logic-gates.md',
  '04-mlp-xor.md',
  '05-multiplication-gate.md',
  '06-universal-approximation.md',
  '07-backpropagation.md',
  '08-loss-functions.md',
  '09-gradient-descent.md',
  '10-vanishing-gradient.md',
  '11-softmax-classifier.md',
] as const;
