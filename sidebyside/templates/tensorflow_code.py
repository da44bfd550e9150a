# {title} — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:model]
import keras

from data import LEARNING_RATE, STEPS, X, Y

keras.utils.set_random_seed(0)

model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE)
# --8<-- [end:model]

# --8<-- [start:step]
import tensorflow as tf


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


# --8<-- [end:step]

# --8<-- [start:train]
for step in range(1, STEPS + 1):
    loss = train_step(X, Y)
    if step % 10 == 0:
        print(f"step {step:2d}  loss {float(loss):.4f}")

kernel, bias = model.layers[0].get_weights()
print(f"w = {kernel[0, 0]:.3f}, b = {bias[0]:.3f}")
# --8<-- [end:train]
