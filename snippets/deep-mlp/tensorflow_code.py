# MLP 심화: 초기화 · Dropout · BatchNorm — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

from data import (
    BATCH_SIZE,
    EPOCH_ORDERS,
    MODEL_DROPOUT,
    SEED,
    X_TEST,
    X_TRAIN,
    Y_TEST,
    Y_TRAIN,
)

keras.utils.set_random_seed(SEED)  # Python·NumPy·TensorFlow 난수를 한 번에 고정

x_train, y_train = X_TRAIN, Y_TRAIN  # float32 (1440, 8, 8), int64 (1440,)
x_test, y_test = X_TEST, Y_TEST


def epoch_dataset(epoch):
    """data.py가 정한 순서로 줄을 세운 뒤 BATCH_SIZE개씩 묶습니다."""
    order = EPOCH_ORDERS[epoch]
    ds = tf.data.Dataset.from_tensor_slices((x_train[order], y_train[order]))
    return ds.batch(BATCH_SIZE)


first_x, first_y = next(iter(epoch_dataset(0)))
print("학습:", x_train.shape, x_train.dtype, "/ 평가:", x_test.shape)
print("첫 미니배치:", tuple(first_x.shape), "정답", first_y.numpy()[:8], "…")
print(
    "에포크당 미니배치:", len(epoch_dataset(0)), "/ 모델의 Dropout 비율:", MODEL_DROPOUT
)
# --8<-- [end:data]


# --8<-- [start:model]
from data import BN_EPSILON, BN_MOMENTUM, HIDDEN, IMAGE_SHAPE, N_CLASSES


def block(units):
    """Dense → BatchNorm → GELU → Dropout. bias는 BatchNorm의 β가 대신합니다."""
    return [
        keras.layers.Dense(units, use_bias=False),
        keras.layers.BatchNormalization(momentum=BN_MOMENTUM, epsilon=BN_EPSILON),
        keras.layers.Activation("gelu"),
        keras.layers.Dropout(MODEL_DROPOUT),
    ]


model = keras.Sequential(
    [
        keras.Input(shape=IMAGE_SHAPE),  # (8, 8)
        keras.layers.Flatten(),  # (8, 8) → 64
        *block(HIDDEN[0]),
        *block(HIDDEN[1]),
        keras.layers.Dense(N_CLASSES),  # 로짓 10개
    ]
)
model.summary(line_length=60)
n_trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
n_frozen = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
print("trainable_weights:", len(model.trainable_weights), "개,", n_trainable, "값")
print(
    "non_trainable_weights(이동 통계):",
    len(model.non_trainable_weights),
    "개,",
    n_frozen,
)
# --8<-- [end:model]

# --8<-- [start:init]
dense_layers = [
    layer for layer in model.layers if isinstance(layer, keras.layers.Dense)
]
print("kernel 초기화:", type(dense_layers[0].kernel_initializer).__name__)
print("bias 초기화:", type(dense_layers[-1].bias_initializer).__name__)
fans, limits = [], []
for layer in dense_layers:
    fan_in, fan_out = layer.kernel.shape  # kernel은 (입력, 출력)
    limit = np.sqrt(6 / (fan_in + fan_out))  # glorot_uniform: U(−limit, limit)
    w = layer.kernel.numpy()
    fans.append((fan_in, fan_out))
    limits.append(limit)
    print(
        f"{fan_in:3d}→{fan_out:3d}  범위 ±{limit:.4f}  최대 |w| {np.abs(w).max():.4f}"
        f"  표준편차 {w.std():.4f} (이론 {limit / np.sqrt(3):.4f})"
    )
output_bias = dense_layers[-1].bias.numpy()
print("출력층 bias:", output_bias[:4], "…")

bn_layers = [
    layer
    for layer in model.layers
    if isinstance(layer, keras.layers.BatchNormalization)
]
bn = bn_layers[0]
print("BatchNorm γ, β:", bn.gamma.numpy()[:2], bn.beta.numpy()[:2], "…")
print(
    "이동 평균, 분산:", bn.moving_mean.numpy()[:2], bn.moving_variance.numpy()[:2], "…"
)
# --8<-- [end:init]

# --8<-- [start:batchnorm]
default_bn = keras.layers.BatchNormalization()
print(f"Keras 기본값: momentum={default_bn.momentum}, epsilon={default_bn.epsilon}")

# 층 하나만 떼어 실험합니다: 입력은 첫 미니배치의 픽셀 64개
x_batch = x_train[:BATCH_SIZE].reshape(BATCH_SIZE, -1)
bn_demo = keras.layers.BatchNormalization(momentum=BN_MOMENTUM, epsilon=BN_EPSILON)
bn_train_out = bn_demo(x_batch, training=True).numpy()  # 배치 통계로 정규화
print(f"이 글의 설정: momentum={bn_demo.momentum}, epsilon={bn_demo.epsilon}")

# 학습 모드 호출 한 번이 이동 통계도 한 번 갱신합니다
batch_mean = x_batch.mean(axis=0)
biased_var = x_batch.var(axis=0)  # n으로 나눈 분산
unbiased_var = x_batch.var(axis=0, ddof=1)  # n − 1로 나눈 분산
demo_mean = bn_demo.moving_mean.numpy()
demo_var = bn_demo.moving_variance.numpy()
m = BN_MOMENTUM
print(
    "이동 평균 = m·0 + (1 − m)·배치 평균:", np.allclose(demo_mean, (1 - m) * batch_mean)
)
print("이동 분산 = m·1 + (1 − m)·분산")
print("  n으로 나눈 분산이면:", np.allclose(demo_var, m + (1 - m) * biased_var))
print("  n − 1로 나눈 분산이면:", np.allclose(demo_var, m + (1 - m) * unbiased_var))

# ε의 몫: 분산이 가장 작은(0은 아닌) 픽셀에서 출력의 표준편차가 1보다 작아집니다
small = np.argmin(np.where(biased_var > 0, biased_var, np.inf))
small_std = bn_train_out[:, small].std()
print(f"분산이 가장 작은 픽셀: 분산 {biased_var[small]:.2e}")
print(f"  → 출력 표준편차 {small_std:.4f}")
default_std = default_bn(x_batch, training=True).numpy()[:, small].std()
print(f"  epsilon을 기본값 {default_bn.epsilon}로 두면 출력 표준편차 {default_std:.4f}")
# --8<-- [end:batchnorm]

# --8<-- [start:dropout]
from data import DROPOUT_RATE

dropout = keras.layers.Dropout(DROPOUT_RATE, seed=SEED)
ones = np.ones((1000, 64), dtype="float32")
dropped = dropout(ones, training=True).numpy()  # 학습 모드: 지우고 키웁니다
kept_values = np.unique(dropped[dropped != 0])
print(f"p = {DROPOUT_RATE}: 남은 값 {kept_values.round(4)} = 1/(1 − p)")
print(f"지워진 비율 {np.mean(dropped == 0):.3f}, 평균 {dropped.mean():.3f} (기댓값 1)")
dropout_eval = dropout(ones, training=False).numpy()  # 평가 모드: 그대로 통과
print("평가 모드 출력 = 입력:", np.array_equal(dropout_eval, ones))
print("training을 안 주면:", np.array_equal(dropout(ones).numpy(), ones))
# --8<-- [end:dropout]

# --8<-- [start:step]
from data import LEARNING_RATE

loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE)


@tf.function  # 한 번 추적해 그래프로 만든 뒤 반복 실행합니다
def train_step(x, y):
    with tf.GradientTape() as tape:
        # training=True: BatchNorm은 배치 통계를 쓰고 이동 통계를 갱신, Dropout은 켜짐
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    # trainable_variables에는 γ, β가 있고 이동 통계는 없습니다
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss, logits


def evaluate(x, y):
    """평가 모드(training=False)의 로짓과 정확도."""
    logits = model(x, training=False).numpy()  # 이동 통계를 쓰고 Dropout은 끔
    return logits, float(np.mean(logits.argmax(axis=1) == y))


start_logits, start_accuracy = evaluate(x_test, y_test)
start_loss = float(loss_fn(y_test, start_logits))
print(f"학습 전 평가 손실 {start_loss:.4f}, 정확도 {start_accuracy:.4f}")
# --8<-- [end:step]

# --8<-- [start:train]
import matplotlib.pyplot as plt

from data import EPOCHS, STEPS_PER_EPOCH

losses = []  # 미니배치마다의 손실 (갱신 전 가중치로 계산한 값)
train_accuracies, test_accuracies = [], []
for epoch in range(EPOCHS):
    correct = 0
    for x, y in epoch_dataset(epoch):
        loss, logits = train_step(x, y)
        losses.append(float(loss))
        correct += int(np.sum(logits.numpy().argmax(axis=1) == y.numpy()))
    train_accuracies.append(correct / len(x_train))  # 학습 모드에서 센 정확도
    test_accuracies.append(evaluate(x_test, y_test)[1])
    epoch_loss = np.mean(losses[-STEPS_PER_EPOCH:])
    print(
        f"에포크 {epoch + 1:2d}  손실 {epoch_loss:.4f}"
        f"  학습 정확도 {train_accuracies[-1]:.4f}"
        f"  평가 정확도 {test_accuracies[-1]:.4f}"
    )

epochs = np.arange(1, EPOCHS + 1)
fig, ax = plt.subplots(figsize=(4.6, 3.2))
ax.plot(
    epochs, train_accuracies, "o-", color="tab:orange", label="학습 (training=True)"
)
ax.plot(
    epochs, test_accuracies, "s--", color="tab:orange", label="평가 (training=False)"
)
ax.set(xlabel="에포크", ylabel="정확도", title="Keras: 정확도 곡선", ylim=(0.6, 1.0))
ax.legend(loc="lower right")
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:stats]
# 각 BatchNorm 층의 입력을 학습 데이터 전체로 다시 계산해(평가 모드)
# 이동 통계와 비교합니다
hidden = x_train
input_means, input_vars = [], []
for layer in model.layers:
    if isinstance(layer, keras.layers.BatchNormalization):
        full_mean, full_var = hidden.mean(axis=0), hidden.var(axis=0)
        input_means.append(full_mean)
        input_vars.append(full_var)
        mean_gap = np.abs(layer.moving_mean.numpy() - full_mean).mean()
        var_ratio = np.median(layer.moving_variance.numpy() / full_var)
        print(
            f"BatchNorm({len(full_mean)}): 이동 평균 − 전체 평균 |Δ|"
            f" 평균 {mean_gap:.4f}"
            f", 이동 분산 / 전체 분산 중앙값 {var_ratio:.4f}"
        )
    hidden = np.asarray(layer(hidden, training=False))
# --8<-- [end:stats]

# --8<-- [start:evaluate]
from sklearn.metrics import confusion_matrix

test_logits, test_accuracy = evaluate(x_test, y_test)  # model.predict와 같은 평가 모드
predictions = test_logits.argmax(axis=1)
n_correct = int(np.sum(predictions == y_test))
print(f"평가 정확도 {test_accuracy:.4f} ({n_correct}/{len(y_test)})")
print("예측:", predictions[:15])
print("정답:", y_test[:15])

matrix = confusion_matrix(y_test, predictions)
fig, ax = plt.subplots(figsize=(4.4, 3.8))
image = ax.imshow(matrix, cmap="Oranges")
fig.colorbar(image, ax=ax, label="샘플 수")
ax.set(xlabel="예측", ylabel="정답", title="Keras: 혼동 행렬 (평가 데이터)")
ax.set_xticks(range(10))
ax.set_yticks(range(10))
fig.tight_layout()
plt.show()
# --8<-- [end:evaluate]

# --8<-- [start:mistakes]
probabilities = tf.nn.softmax(test_logits, axis=1).numpy()  # 로짓 → 확률
wrong = np.flatnonzero(predictions != y_test)
confidence = probabilities[wrong, predictions[wrong]]  # 틀린 예측에 건 확률
print("틀린 평가 샘플:", len(wrong), "개, 번호", wrong)
print("틀린 예측의 확률:", np.round(confidence, 2))
right = probabilities[predictions == y_test].max(axis=1)
print(f"맞힌 예측의 확률: 평균 {right.mean():.2f}")
fig, axes = plt.subplots(1, 6, figsize=(6.2, 1.8))
for ax, index, p in zip(axes, wrong, confidence):
    ax.imshow(x_test[index], cmap="gray_r")
    ax.set_title(f"{y_test[index]} → {predictions[index]}\n{p:.0%}", fontsize=9)
for ax in axes:
    ax.axis("off")
fig.suptitle("Keras가 틀린 숫자 (정답 → 예측, 예측의 확률)", fontsize=10)
fig.tight_layout()
plt.show()
# --8<-- [end:mistakes]

# --8<-- [start:modes]
# 평가 때 training=True를 주는 실수: 배치 통계로 정규화하고 Dropout을 켭니다
moving_before = bn_layers[0].moving_mean.numpy().copy()
train_mode_logits = model(x_test, training=True).numpy()
train_mode_accuracy = float(np.mean(train_mode_logits.argmax(axis=1) == y_test))
moving_shift = bn_layers[0].moving_mean.numpy() - moving_before
print(f"training=False (기본값): 정확도 {test_accuracy:.4f}")
print(f"training=True:           정확도 {train_mode_accuracy:.4f}")
print(f"  그 사이 첫 BatchNorm의 이동 평균 변화: 최대 {np.abs(moving_shift).max():.4f}")
# --8<-- [end:modes]

# --8<-- [start:exercise-momentum]
# 연습 문제 1: PyTorch의 momentum=0.1을 Keras에 숫자 그대로 옮기면?
pixels = x_train.reshape(len(x_train), -1)
for momentum in (0.9, 0.1):  # 0.9가 올바른 변환 (1 − 0.1)
    layer = keras.layers.BatchNormalization(momentum=momentum, epsilon=BN_EPSILON)
    for batch in pixels[EPOCH_ORDERS[0]].reshape(-1, BATCH_SIZE, pixels.shape[1]):
        layer(batch, training=True)  # 미니배치 45개로 이동 통계를 갱신
    gap = np.abs(layer.moving_mean.numpy() - pixels.mean(axis=0)).max()
    last_gap = np.abs(layer.moving_mean.numpy() - batch.mean(axis=0)).max()
    print(
        f"momentum={momentum}: 전체 평균과의 차이 {gap:.4f}"
        f", 마지막 배치 평균과의 차이 {last_gap:.4f}"
    )
# --8<-- [end:exercise-momentum]

# --8<-- [start:exercise-init]
# 연습 문제 2: PyTorch의 기본 초기화를 Keras에서 같은 분포로 재현합니다
bound = 1 / np.sqrt(64)  # 입력 64개인 층: ±1/√fan_in
torch_like = keras.layers.Dense(
    128,
    # 균등 분포의 범위 √(3·scale/fan_in): scale = 1/3이면 1/√fan_in
    kernel_initializer=keras.initializers.VarianceScaling(
        scale=1 / 3, mode="fan_in", distribution="uniform", seed=SEED
    ),
    bias_initializer=keras.initializers.RandomUniform(-bound, bound, seed=SEED),
)
torch_like.build((None, 64))
w, b = torch_like.kernel.numpy(), torch_like.bias.numpy()
print(f"범위 ±1/√64 = ±{bound:.4f}, 최대 |w| {np.abs(w).max():.4f}")
print(f"표준편차 {w.std():.4f} (이론 1/√(3·64) = {1 / np.sqrt(3 * 64):.4f})")
print(f"bias 최대 |b| {np.abs(b).max():.4f} (범위 ±{bound:.4f})")
# --8<-- [end:exercise-init]

# --8<-- [start:exercise-dropout]
# 연습 문제 3: 1/(1 − p)로 키우지 않으면 평가 때의 출력과 평균이 어긋납니다
trained_dense = dense_layers[0]  # 학습을 마친 첫 Dense 층 (선형)
sample = x_test[:1].reshape(1, -1)  # 평가 이미지 한 장의 픽셀 64개
reference = trained_dense(sample).numpy()  # 평가 모드: Dropout 없이
repeated = np.repeat(sample, 20000, axis=0)
inverted = dropout(repeated, training=True).numpy()  # 남은 값 × 1/(1 − p)
plain = inverted * (1 - DROPOUT_RATE)  # 키우지 않은 드롭아웃
for name, x in (("1/(1 − p)로 키움", inverted), ("키우지 않음", plain)):
    mean_out = trained_dense(x).numpy().mean(axis=0)
    ratio = np.sum(mean_out * reference) / np.sum(reference**2)
    print(f"{name}: 학습 모드 출력 평균 ≈ 평가 모드 출력 × {ratio:.3f}")
# --8<-- [end:exercise-dropout]
