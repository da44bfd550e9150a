# 소프트맥스 분류 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

from data import N_TRAIN, SEED, X_TEST, X_TRAIN, Y_TEST, Y_TRAIN

keras.utils.set_random_seed(SEED)  # Python·NumPy·TensorFlow 난수를 한 번에 고정

# 학습 데이터 120개 전체를 배치 하나로 씁니다
train_ds = tf.data.Dataset.from_tensor_slices((X_TRAIN, Y_TRAIN)).batch(N_TRAIN)
x_batch, y_batch = next(iter(train_ds))
print("특징:", tuple(x_batch.shape), x_batch.dtype.name, "/ 평가:", X_TEST.shape)
print("레이블:", tuple(y_batch.shape), y_batch.dtype.name, "→", y_batch[:8].numpy())
print("클래스별 개수 (학습):", np.bincount(Y_TRAIN).tolist())
print("클래스별 개수 (평가):", np.bincount(Y_TEST).tolist())
# --8<-- [end:data]

# --8<-- [start:model]
from data import N_CLASSES, N_FEATURES

# 활성화 함수가 없는 Dense(3): 클래스마다 로짓 하나
model = keras.Sequential(
    [keras.Input(shape=(N_FEATURES,)), keras.layers.Dense(N_CLASSES)]
)
initial_weights = model.get_weights()  # 연습 문제에서 같은 출발점으로 쓰려고
dense = model.layers[0]
print("kernel:", tuple(dense.kernel.shape), "/ bias:", tuple(dense.bias.shape))
print("파라미터 수:", model.count_params())
logits = model(X_TRAIN[:2])
print("로짓:\n", logits.numpy().round(4))
probs = keras.ops.softmax(logits)  # 행마다 합이 1인 확률
print("소프트맥스:\n", probs.numpy().round(4))
print("행의 합:", probs.numpy().sum(axis=1).round(4))
# --8<-- [end:model]

# --8<-- [start:loss]
# 클래스 번호를 받는 교차 엔트로피. 인자 순서: (정답, 예측)
sparse_ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
logits = model(X_TRAIN)
loss = sparse_ce(Y_TRAIN, logits)
print(f"SparseCategoricalCrossentropy: {float(loss):.6f}")

# 직접 계산: 정답 클래스의 log 소프트맥스에 -를 붙여 평균합니다
log_probs = tf.nn.log_softmax(logits)  # (120, 3)
picked = tf.gather(log_probs, Y_TRAIN, axis=1, batch_dims=1)  # 정답 칸만 (120,)
by_hand = -tf.reduce_mean(picked)
print(f"-mean(log_softmax[정답]):      {float(by_hand):.6f}")

# 로짓에 대한 기울기 = (소프트맥스 − one-hot) / N
logits_var = tf.Variable(logits)
with tf.GradientTape() as tape:
    loss = sparse_ce(Y_TRAIN, logits_var)
grad_logits = tape.gradient(loss, logits_var)
one_hot = tf.one_hot(Y_TRAIN, N_CLASSES)
formula = (tf.nn.softmax(logits) - one_hot) / N_TRAIN
print("기울기 첫 행:", grad_logits.numpy()[0].round(6))
print("공식 첫 행:  ", formula.numpy()[0].round(6))
# --8<-- [end:loss]

# --8<-- [start:labels]
# Keras는 정수든 실수든 레이블을 int64로 바꿔 씁니다
label_losses = {}
for dtype in ("int64", "int32", "uint8", "float32"):
    label_losses[dtype] = float(sparse_ce(Y_TRAIN.astype(dtype), logits))
    print(f"레이블 {dtype:>7}: 손실 {label_losses[dtype]:.6f}")
# --8<-- [end:labels]

# --8<-- [start:onehot]
from data import LABEL_SMOOTHING

one_hot_train = keras.utils.to_categorical(Y_TRAIN, N_CLASSES)  # (120, 3)
print("to_categorical:", one_hot_train.shape, one_hot_train.dtype)
print("앞 두 줄:", one_hot_train[:2].tolist())

# one-hot 레이블에는 Categorical, 클래스 번호에는 SparseCategorical
dense_ce = keras.losses.CategoricalCrossentropy(from_logits=True)
print(f"CategoricalCrossentropy: {float(dense_ce(one_hot_train, logits)):.6f}")

# 레이블 스무딩은 CategoricalCrossentropy에만 있습니다
smooth_ce = keras.losses.CategoricalCrossentropy(
    from_logits=True, label_smoothing=LABEL_SMOOTHING
)
smoothed = float(smooth_ce(one_hot_train, logits))
print(f"label_smoothing={LABEL_SMOOTHING}: {smoothed:.6f}")
# --8<-- [end:onehot]

# --8<-- [start:pitfalls]
import warnings

# 앞 5개 샘플을 아주 자신 있게 맞힌 로짓: 정답 칸만 10
labels5 = Y_TRAIN[:5]
confident = 10.0 * tf.one_hot(labels5, N_CLASSES)
right = sparse_ce(labels5, confident)
print(f"로짓을 로짓 자리에:                  {float(right):.4f}")

# 확률을 로짓 자리에 넣으면 소프트맥스가 두 번 걸립니다 (즉시 실행)
twice = sparse_ce(labels5, tf.nn.softmax(confident))
print(f"tf.nn.softmax 확률을 로짓 자리에:    {float(twice):.4f}")

# Keras 함수로 만든 확률이면 Keras가 로짓을 되찾고 경고만 남깁니다
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    rescued = sparse_ce(labels5, keras.ops.softmax(confident))
print(f"keras.ops.softmax 확률을 로짓 자리에: {float(rescued):.4f}")
print("경고:", str(caught[0].message).split(" and ")[0])

# 반대로 로짓을 확률 자리에 넣으면(from_logits=False) 뜻 없는 값이 나옵니다
as_probs = keras.losses.SparseCategoricalCrossentropy()  # from_logits=False
print(f"로짓을 확률 자리에:                  {float(as_probs(Y_TRAIN, logits)):.4f}")
# --8<-- [end:pitfalls]

# --8<-- [start:step]
from data import LEARNING_RATE

model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],  # 레이블이 정수이므로 SparseCategoricalAccuracy가 됩니다
)
print(f"학습 전 손실: {float(model.loss(Y_TRAIN, model(X_TRAIN))):.4f}")
# --8<-- [end:step]

# --8<-- [start:train]
from data import EPOCHS

history = model.fit(train_ds, epochs=EPOCHS, shuffle=False, verbose=0)
losses = history.history["loss"]
accuracies = history.history["accuracy"]
for epoch, (loss, accuracy) in enumerate(zip(losses, accuracies), start=1):
    if epoch in (1, 2, 10, 50, EPOCHS):
        print(f"에포크 {epoch:3d}  손실 {loss:.4f}  정확도 {accuracy:.4f}")
# --8<-- [end:train]

# --8<-- [start:predict]
try:
    model.predict_classes(X_TEST)  # Keras 2.6까지 있던 메서드
except AttributeError as err:
    print(f"{type(err).__name__}: {err}")

test_logits = model.predict(X_TEST, verbose=0)  # (30, 3) NumPy 배열
predicted = np.argmax(test_logits, axis=1)  # 가장 큰 로짓의 클래스
print("예측:", predicted.tolist())
print("정답:", Y_TEST.tolist())
print(f"평가 정확도: {np.mean(predicted == Y_TEST):.4f}")
test_probs = keras.ops.softmax(test_logits[:3]).numpy()  # 확률이 필요할 때만
print("앞 3개의 확률:\n", test_probs.round(4))
# --8<-- [end:predict]

# --8<-- [start:learning-rate]
import matplotlib.pyplot as plt

from data import LEARNING_RATES


def zero_start_losses(learning_rate):
    """가중치 0에서 출발해 EPOCHS번 갱신하고 에포크 손실 목록을 돌려줍니다."""
    probe = keras.Sequential(
        [
            keras.Input(shape=(N_FEATURES,)),
            keras.layers.Dense(N_CLASSES, kernel_initializer="zeros"),
        ]
    )
    probe.compile(
        optimizer=keras.optimizers.SGD(learning_rate=learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return probe.fit(train_ds, epochs=EPOCHS, shuffle=False, verbose=0).history["loss"]


lr_losses = {rate: zero_start_losses(rate) for rate in LEARNING_RATES}
fig, ax = plt.subplots(figsize=(5.6, 3.6))
for rate, curve in lr_losses.items():
    ax.plot(range(1, EPOCHS + 1), curve, label=f"학습률 {rate:g}")
    first, highest, last = curve[0], max(curve), curve[-1]
    print(f"학습률 {rate:6g}: 손실 {first:.4f} → 최대 {highest:.4f} → {last:.4f}")
ax.set_yscale("log")
ticks = [0.1, 0.2, 0.5, 1, 2, 5]
ax.set_yticks(ticks, [f"{t:g}" for t in ticks])  # 10⁻¹ 같은 지수 표기 대신
ax.minorticks_off()
ax.set(
    xlabel="에포크", ylabel="학습 손실 (로그 눈금)", title="Keras: 학습률에 따른 손실"
)
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:learning-rate]

# --8<-- [start:exercise-softmax-layer]
# 연습 문제 1: 출력층에 소프트맥스를 넣은 채 from_logits=True로 학습합니다
softmax_model = keras.Sequential(
    [
        keras.Input(shape=(N_FEATURES,)),
        keras.layers.Dense(N_CLASSES, activation="softmax"),
    ]
)
softmax_model.set_weights(initial_weights)  # 본문의 모델과 같은 출발점
softmax_model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    history = softmax_model.fit(train_ds, epochs=EPOCHS, shuffle=False, verbose=0)
softmax_losses = history.history["loss"]
print(f"마지막 손실: {softmax_losses[-1]:.4f} (본문의 모델: {losses[-1]:.4f})")
print("경고가 났나요?", any("from_logits=True" in str(w.message) for w in caught))
# --8<-- [end:exercise-softmax-layer]

# --8<-- [start:exercise-smoothing]
# 연습 문제 2: 레이블 스무딩 0.1로 학습하면 손실이 어디까지 내려갈까요?
smooth_model = keras.models.clone_model(model)
smooth_model.set_weights(initial_weights)
smooth_model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE),
    loss=smooth_ce,  # one-hot 절의 CategoricalCrossentropy(label_smoothing=0.1)
)
one_hot_ds = tf.data.Dataset.from_tensor_slices((X_TRAIN, one_hot_train)).batch(N_TRAIN)
history = smooth_model.fit(one_hot_ds, epochs=EPOCHS, shuffle=False, verbose=0)
# 스무딩한 타깃 분포의 엔트로피가 손실의 하한입니다
target = one_hot_train[0] * (1 - LABEL_SMOOTHING) + LABEL_SMOOTHING / N_CLASSES
floor = -np.sum(target * np.log(target))
print(f"마지막 손실: {history.history['loss'][-1]:.4f}  (하한: {floor:.4f})")
# --8<-- [end:exercise-smoothing]
