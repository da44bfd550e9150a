# XOR와 학습 루프 해부 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:model]
import keras
import numpy as np
import tensorflow as tf

from data import EPOCHS, HIDDEN, LEARNING_RATE, X, Y

keras.utils.set_random_seed(0)  # Python·NumPy·TensorFlow 난수를 한 번에 고정
x, y = tf.constant(X), tf.constant(Y)  # (4, 2), (4, 1) float32
# fit에 넘길 데이터셋: 점 4개가 배치 하나
train_ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(4)
print("x:", tuple(x.shape), x.dtype.name, "/ y:", y.numpy()[:, 0].tolist())


def build_model(activation="relu"):
    return keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(HIDDEN, activation=activation),
            keras.layers.Dense(1),  # 로짓: 시그모이드는 손실 함수가 붙입니다
        ]
    )


def clone(activation="relu"):
    """model과 같은 초깃값에서 출발하는 새 모델 (학습 방법마다 하나씩)."""
    net = build_model(activation)
    net.set_weights(model.get_weights())
    return net


model = build_model()  # 모든 학습의 출발점. 이 모델 자체는 학습하지 않습니다
print("파라미터 수:", model.count_params())
print("가중치 모양:", [tuple(w.shape) for w in model.get_weights()])
# --8<-- [end:model]

# --8<-- [start:step]
loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)
calls = 0  # train_step의 파이썬 코드가 실제로 실행된 횟수


def train_step(net, optimizer, x, y):
    global calls
    calls += 1  # 파이썬 부수 효과 (graph 절에서 쓰임새가 드러납니다)
    with tf.GradientTape() as tape:
        loss = loss_fn(y, net(x, training=True))
    grads = tape.gradient(loss, net.trainable_variables)
    # 기울기와 변수를 (기울기, 변수) 쌍으로 묶어 넘깁니다
    optimizer.apply_gradients(zip(grads, net.trainable_variables))
    return loss  # 갱신 전의 손실


def sgd():
    return keras.optimizers.SGD(learning_rate=LEARNING_RATE)


# --8<-- [end:step]

# --8<-- [start:fit]
fit_net = clone()
fit_net.compile(optimizer=sgd(), loss=loss_fn)
history = fit_net.fit(train_ds, epochs=EPOCHS, shuffle=False, verbose=0)
fit_losses = history.history["loss"]  # 에포크마다 배치 손실의 평균
print("History 키:", list(history.history))
print("갱신 횟수:", int(fit_net.optimizer.iterations))
print("run_eagerly:", fit_net.run_eagerly, "/ jit_compile:", fit_net.jit_compile)
print(f"손실: {fit_losses[0]:.4f} → {fit_losses[-1]:.4f}")
# --8<-- [end:fit]

# --8<-- [start:eager]
eager_net, optimizer = clone(), sgd()
calls = 0
eager_losses = []
for _ in range(EPOCHS):
    loss = train_step(eager_net, optimizer, x, y)
    eager_losses.append(float(loss))
print("train_step의 파이썬 코드 실행:", calls, "번")
print(f"손실: {eager_losses[0]:.4f} → {eager_losses[-1]:.4f}")
# --8<-- [end:eager]

# --8<-- [start:graph]
graph_step = tf.function(train_step)  # 같은 함수를 그래프로 바꿉니다
graph_net, optimizer = clone(), sgd()
calls = 0
graph_losses = []
for _ in range(EPOCHS):
    loss = graph_step(graph_net, optimizer, x, y)
    graph_losses.append(float(loss))
print("train_step의 파이썬 코드 실행:", calls, "번")  # 추적할 때만
print("추적 횟수:", graph_step.experimental_get_tracing_count())
print(f"손실: {graph_losses[0]:.4f} → {graph_losses[-1]:.4f}")
# --8<-- [end:graph]

# --8<-- [start:retrace]
from data import THRESHOLDS

traces = 0


@tf.function
def classify(net, x, threshold):
    global traces
    traces += 1  # 추적할 때만 실행됩니다
    return tf.sigmoid(net(x)) > threshold


for threshold in THRESHOLDS:  # 파이썬 float: 값마다 새로 추적
    classify(graph_net, x, threshold)
print("파이썬 float 3개:", traces, "번 추적")
# 텐서: 모양과 dtype이 같으면 추적을 다시 쓰고, 값은 실행할 때 읽습니다
predictions = [classify(graph_net, x, tf.constant(t)) for t in THRESHOLDS]
print("이어서 텐서 3개:", traces, "번 추적")
print("문턱값마다 예측:", [p.numpy()[:, 0].astype(int).tolist() for p in predictions])
# --8<-- [end:retrace]

# --8<-- [start:vanishing]
import matplotlib.pyplot as plt

from data import ADAM_LEARNING_RATE, BETA_1, BETA_2, KERAS_EPSILON, plot_losses


def first_layer_gradient(net):
    """초깃값에서 첫 층 kernel 기울기의 크기 (L2 노름)."""
    with tf.GradientTape() as tape:
        loss = loss_fn(y, net(x))
    return float(tf.norm(tape.gradient(loss, net.layers[0].kernel)))


def train(net, optimizer):
    # tf.function은 첫 추적 때만 변수를 만들 수 있어서 옵티마이저 변수를 미리 만듭니다
    optimizer.build(net.trainable_variables)
    return [float(graph_step(net, optimizer, x, y)) for _ in range(EPOCHS)]


def adam():
    return keras.optimizers.Adam(
        learning_rate=ADAM_LEARNING_RATE,
        beta_1=BETA_1,
        beta_2=BETA_2,
        epsilon=KERAS_EPSILON,
    )


relu_norm = first_layer_gradient(clone())
sigmoid_norm = first_layer_gradient(clone("sigmoid"))
print(f"첫 층 기울기 크기: ReLU {relu_norm:.4f} / 시그모이드 {sigmoid_norm:.4f}")

nets = {"ReLU + SGD": graph_net, "시그모이드 + SGD": clone("sigmoid")}
nets["시그모이드 + Adam"] = clone("sigmoid")
curves = {"ReLU + SGD": graph_losses}  # graph 절의 학습
curves["시그모이드 + SGD"] = train(nets["시그모이드 + SGD"], sgd())
curves["시그모이드 + Adam"] = train(nets["시그모이드 + Adam"], adam())
for name, losses in curves.items():
    print(f"{name}: 손실 {losses[0]:.4f} → {losses[-1]:.4f}")
# 모델과 옵티마이저 객체가 바뀔 때마다 graph_step을 새로 추적했습니다
print("graph_step 추적 횟수:", graph_step.experimental_get_tracing_count())

plot_losses(curves, "TensorFlow: 같은 초깃값, 활성화 함수와 옵티마이저만 다름")
plt.show()
# --8<-- [end:vanishing]

# --8<-- [start:boundary]
from data import GRID, plot_boundaries

shown = ("ReLU + SGD", "시그모이드 + SGD")
panels = {name: tf.sigmoid(nets[name](GRID))[:, 0].numpy() for name in shown}
probs = {name: tf.sigmoid(net(x))[:, 0].numpy() for name, net in nets.items()}
for name, p in probs.items():
    print(f"{name}: 네 점의 확률", " ".join(f"{v:.3f}" for v in p))

plot_boundaries(panels, "TensorFlow")
plt.show()
# --8<-- [end:boundary]

# --8<-- [start:exercise-minibatch]
# 연습 문제 1: 배치 크기 2로 한 에포크를 fit하면 History의 손실은 무엇일까요?
pairs_ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(2)
net = clone()
net.compile(optimizer=sgd(), loss=loss_fn)
epoch_loss = net.fit(pairs_ds, epochs=1, shuffle=False, verbose=0).history["loss"][0]
# 같은 일을 직접: 배치마다 한 단계씩 갱신하고 손실을 모읍니다
by_hand, optimizer = clone(), sgd()
batch_losses = [float(train_step(by_hand, optimizer, xb, yb)) for xb, yb in pairs_ds]
print("배치마다의 손실:", np.round(batch_losses, 4).tolist())
print(f"History: {epoch_loss:.4f} / 배치 손실의 평균: {np.mean(batch_losses):.4f}")
# --8<-- [end:exercise-minibatch]

# --8<-- [start:exercise-signature]
# 연습 문제 2: 파이썬 float을 넘겨도 한 번만 추적하게 하려면?
traces = 0


@tf.function(input_signature=[tf.TensorSpec([None, 2]), tf.TensorSpec([])])
def classify_fixed(x, threshold):
    global traces
    traces += 1
    return tf.sigmoid(graph_net(x)) > threshold


for threshold in THRESHOLDS:  # 파이썬 float도 TensorSpec에 맞춰 텐서가 됩니다
    classify_fixed(x, threshold)
print("input_signature:", traces, "번 추적")
# --8<-- [end:exercise-signature]
