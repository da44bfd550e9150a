# {title} — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:model]
import keras

from data import LEARNING_RATE, STEPS, X, Y

keras.utils.set_random_seed(0)

model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE)
print("파라미터 수:", model.count_params())
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
losses = []
for step in range(1, STEPS + 1):
    losses.append(float(train_step(X, Y)))
    if step % 10 == 0:
        print(f"step {step:2d}  loss {losses[-1]:.4f}")

kernel, bias = model.layers[0].get_weights()
print(f"w = {kernel[0, 0]:.3f}, b = {bias[0]:.3f}")
# --8<-- [end:train]

# --8<-- [start:exercise-1]
# 연습 문제 1: 학습률을 20배로 올리면 어떻게 될까요?
fast = keras.optimizers.SGD(learning_rate=LEARNING_RATE * 20)
probe = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
probe.compile(optimizer=fast, loss=keras.losses.MeanSquaredError())
history = probe.fit(X, Y, batch_size=len(X), epochs=5, verbose=0)
print("손실:", " → ".join(f"{v:.3g}" for v in history.history["loss"]))
# --8<-- [end:exercise-1]
