# 선형 회귀 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

from data import EPOCHS, LEARNING_RATE, N_FEATURES, X_TEST, X_TRAIN, Y_TEST, Y_TRAIN

keras.utils.set_random_seed(0)  # Python·NumPy·TensorFlow 난수를 한 번에 고정

# NumPy 기본형 float64를 float32로 바꿉니다 (Keras는 안 바꿔도 됩니다: dtype 절)
x_train, y_train = X_TRAIN.astype("float32"), Y_TRAIN.astype("float32")
x_test, y_test = X_TEST.astype("float32"), Y_TEST.astype("float32")

# 학습 데이터 전체를 배치 하나로: fit이 에포크마다 가중치를 한 번 갱신합니다
train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(len(x_train))
print("학습:", x_train.shape, x_train.dtype, "/ 평가:", x_test.shape)
print("타깃:", y_train.shape, "(1차원 그대로)")
print("배치 수:", train_ds.cardinality().numpy())
# --8<-- [end:data]


# --8<-- [start:model]
def build_model():
    # keras.Input(shape=...)으로 입력 크기를 알립니다 (Keras 3에서 input_dim=은 경고)
    return keras.Sequential([keras.Input(shape=(N_FEATURES,)), keras.layers.Dense(1)])


model = build_model()
model.summary(line_length=64)
dense = model.layers[0]
print("kernel:", tuple(dense.kernel.shape), "/ bias:", tuple(dense.bias.shape))
print("처음 bias:", dense.bias.numpy().round(4))  # glorot_uniform 가중치, bias는 0
# --8<-- [end:model]

# --8<-- [start:dtype]
# data.py의 float64 배열을 그대로 넣어도 Keras는 조용히 float32로 바꿉니다
prediction = model(X_TRAIN[:3])
print("입력:", X_TRAIN.dtype, "→ 출력:", prediction.dtype.name)
# --8<-- [end:dtype]

# --8<-- [start:loss]
mse = keras.losses.MeanSquaredError()  # 기본 reduction = "sum_over_batch_size" (평균)
mse_sum = keras.losses.MeanSquaredError(reduction="sum")
prediction = model(x_train)  # (N, 1)
print("reduction:", mse.reduction)
mean_value = float(mse(y_train, prediction))
sum_value = float(mse_sum(y_train, prediction))
ratio = sum_value / mean_value
print(f"평균 {mean_value:.4f}  합 {sum_value:.2f} = 평균 × {ratio:.0f}")

# 정답을 (N, 1) 모양으로 '완벽하게' 예측하면: 타깃 (N,)과 달라도 Keras가 맞춥니다
perfect = y_train[:, None]
right = float(mse(y_train, perfect))
print("타깃", y_train.shape, "예측", perfect.shape, f"→ 손실 {right:.4f}")
# --8<-- [end:loss]

# --8<-- [start:optimizer]
try:
    keras.optimizers.SGD(lr=LEARNING_RATE)  # Keras 2 시절의 lr=는 Keras 3에서 오류
except ValueError as err:
    print(f"{type(err).__name__}: {err}")

# compile은 손실과 옵티마이저를 모델에 붙여 둡니다. 학습 단계는 fit이 만듭니다.
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),
    loss=keras.losses.MeanSquaredError(),
)
# --8<-- [end:optimizer]

# --8<-- [start:train]
import matplotlib.pyplot as plt

history = model.fit(train_ds, epochs=EPOCHS, verbose=0)  # History 객체
losses = history.history["loss"]  # 에포크마다 기록된 손실 목록
print("기록된 키:", list(history.history), "/ 길이:", len(losses))
for epoch in (1, 5, 10, 20, EPOCHS):
    print(f"epoch {epoch:2d}  loss {losses[epoch - 1]:.4f}")

fig, ax = plt.subplots(figsize=(4.2, 3.0))
ax.plot(range(1, len(losses) + 1), losses, color="tab:orange")
ax.set_xlabel("에포크")
ax.set_ylabel("학습 MSE (표준화한 타깃)")
ax.set_title("Keras fit의 History")
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:evaluate]
from data import BEST_TEST_MSE, BEST_W, FEATURE_NAMES, Y_STD

test_mse = model.evaluate(x_test, y_test, verbose=0)  # compile의 손실로 평가
print(f"평가 MSE {test_mse:.4f}  (평균만 예측하면 {np.mean(y_test**2):.4f})")
print(f"평가 RMSE {np.sqrt(test_mse) * Y_STD:.1f} (원래 단위)")

weights = dense.kernel.numpy()[:, 0]  # (10, 1) → (10,)
top = np.argsort(-np.abs(weights))[:3]
names = ", ".join(f"{FEATURE_NAMES[i]} {weights[i]:+.3f}" for i in top)
print("영향이 큰 특징:", names)

# 정규 방정식의 해(data.py)와 비교합니다
gap = np.linalg.norm(weights - BEST_W)
print(f"정규 방정식: 평가 MSE {BEST_TEST_MSE:.4f}, 가중치까지 거리 {gap:.3f}")
# --8<-- [end:evaluate]

# --8<-- [start:scaling]
from data import SMALL_LEARNING_RATE, X_TRAIN_RAW

# 표준화하지 않은 특징 (콜레스테롤 수치는 수백)
x_raw = X_TRAIN_RAW.astype("float32")


def sgd_losses(features, learning_rate):
    """가중치 0에서 출발해 전체 배치 SGD로 EPOCHS번 갱신하고 손실 목록을 돌려줍니다."""
    # kernel도 0에서 시작하게 합니다 (bias는 원래 0)
    zeros = keras.layers.Dense(1, kernel_initializer="zeros")
    zero_model = keras.Sequential([keras.Input(shape=(N_FEATURES,)), zeros])
    zero_model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=learning_rate),
        loss=keras.losses.MeanSquaredError(),
    )
    ds = tf.data.Dataset.from_tensor_slices((features, y_train)).batch(len(features))
    # TerminateOnNaN: 손실이 NaN이나 inf가 되면 학습을 멈춥니다
    stop = keras.callbacks.TerminateOnNaN()
    history = zero_model.fit(ds, epochs=EPOCHS, verbose=0, callbacks=[stop])
    return history.history["loss"]


scaled_losses = sgd_losses(x_train, LEARNING_RATE)
print(f"표준화, lr={LEARNING_RATE}: {scaled_losses[0]:.4f} → {scaled_losses[-1]:.4f}")
raw_losses = sgd_losses(x_raw, LEARNING_RATE)
print(f"원래 단위, lr={LEARNING_RATE}:", " → ".join(f"{v:.3g}" for v in raw_losses))
crawl_losses = sgd_losses(x_raw, SMALL_LEARNING_RATE)
first, last = crawl_losses[0], crawl_losses[-1]
print(f"원래 단위, lr={SMALL_LEARNING_RATE}: {first:.4f} → {last:.4f}")
# --8<-- [end:scaling]

# --8<-- [start:exercise-sum]
# 연습 문제 1: reduction="sum"에서 평균과 같은 학습을 하려면 학습률을 N으로 나눕니다
n = len(x_train)
for reduction, rate in (
    ("sum_over_batch_size", LEARNING_RATE),
    ("sum", LEARNING_RATE / n),
):
    keras.utils.set_random_seed(0)  # 두 모델이 같은 초깃값에서 출발하게
    same_start = build_model()
    same_start.compile(
        optimizer=keras.optimizers.SGD(learning_rate=rate),
        loss=keras.losses.MeanSquaredError(reduction=reduction),
    )
    history = same_start.fit(train_ds, epochs=EPOCHS, verbose=0)
    last = history.history["loss"][-1] / (n if reduction == "sum" else 1)
    print(f"{reduction:>19}, lr={rate:.2e}: 마지막 평균 손실 {last:.4f}")
# --8<-- [end:exercise-sum]

# --8<-- [start:exercise-limit]
# 연습 문제 2: MSE의 곡률(헤세 행렬 2·XᵀX/N)의 가장 큰 고윳값 λ가
# 학습률의 한계 2/λ를 정합니다
hessian = 2 * x_train.T @ x_train / len(x_train)
limit = float(2 / np.linalg.eigvalsh(hessian).max())
print(f"발산 경계 2/λ = {limit:.3f}")
for factor in (0.9, 1.1):
    keras.utils.set_random_seed(0)
    probe = build_model()
    probe.compile(
        optimizer=keras.optimizers.SGD(learning_rate=factor * limit),
        loss=keras.losses.MeanSquaredError(),
    )
    losses = probe.fit(train_ds, epochs=EPOCHS, verbose=0).history["loss"]
    print(f"lr = {factor} × 경계: 손실 {losses[0]:.3g} → {losses[-1]:.3g}")
# --8<-- [end:exercise-limit]
