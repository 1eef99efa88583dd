/**
 * Activation constants that the tfjs model and the ONNX export must agree on. They live apart from
 * both so neither side can drift from the other.
 */

/**
 * Negative slope of `leakyRelu`: tfjs's LeakyReLU layer default (Keras's too). The bare
 * `tf.leakyRelu` op defaults to 0.2, so the tfjs builder passes this value explicitly.
 */
export const LEAKY_RELU_ALPHA = 0.3;
