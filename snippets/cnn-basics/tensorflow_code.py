# CNN 기초 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

from data import (
    BATCH_SIZE,
    EPOCH_ORDERS,
    STEPS_PER_EPOCH,
    X_TEST,
    X_TRAIN,
    Y_TEST,
    Y_TRAIN,
)

keras.utils.set_random_seed(0)

# Keras는 채널을 맨 뒤에 둡니다: (N, 높이, 너비, 채널) = NHWC
print("image_data_format:", keras.config.image_data_format())
x_train = X_TRAIN[..., np.newaxis]  # (N, 8, 8) → (N, 8, 8, 1)
x_test = X_TEST[..., np.newaxis]
print("학습:", x_train.shape, x_train.dtype, "/ 평가:", x_test.shape)


def epoch_batches(order):
    return tf.data.Dataset.from_tensor_slices(order).batch(BATCH_SIZE)


# data.py가 정한 에포크별 순서를 그대로 씁니다 (tf.data의 shuffle은 쓰지 않습니다)
train_ds = (
    tf.data.Dataset.from_tensor_slices(EPOCH_ORDERS)  # 한 줄 = 한 에포크의 순서
    .flat_map(epoch_batches)  # 에포크마다 64개씩 자른 인덱스
    .map(lambda idx: (tf.gather(x_train, idx), tf.gather(Y_TRAIN, idx)))
)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, Y_TEST)).batch(len(x_test))
images, labels = next(iter(train_ds))
print("첫 배치:", tuple(images.shape), tuple(labels.shape))
print("에포크당 배치 수:", STEPS_PER_EPOCH)
# --8<-- [end:data]

# --8<-- [start:conv-layer]
# 출력 채널 수(filters)와 커널 크기만 적습니다. 입력 채널 수는 적지 않습니다.
conv = keras.layers.Conv2D(16, 3, padding="same")
print("만든 직후 built:", conv.built)
feature = conv(x_train[:2])  # 처음 호출할 때 입력의 채널 수(1)를 보고 가중치를 만듭니다
print("호출한 뒤 built:", conv.built)
print("kernel:", tuple(conv.kernel.shape), "= (kh, kw, 입력 채널, 출력 채널)")
print("bias:", tuple(conv.bias.shape))
print("출력:", tuple(feature.shape), "= (N, H, W, C)")
# --8<-- [end:conv-layer]


# --8<-- [start:padding]
def same_padding(n, k, s):
    """'same'이 한 축에 덧대는 (앞, 뒤) 칸 수. 홀수 칸이 남으면 뒤에 하나 더."""
    out = -(-n // s)  # ceil(n / s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


# stride가 1이 아니어도, 풀링이어도 'same'을 쓸 수 있습니다
x = x_train[:8]
strided = keras.layers.Conv2D(16, 3, strides=2, padding="same")
strided_out = strided(x)
print("Conv2D(3, strides=2, 'same'): 8 →", strided_out.shape[1])
print("덧댄 칸 (앞, 뒤):", same_padding(8, 3, 2))

pool = keras.layers.MaxPooling2D(2, padding="same")
pooled = pool(x[:, :7, :7])  # 7×7 입력
print("MaxPooling2D(2, 'same'): 7 →", pooled.shape[1])
print("덧댄 칸 (앞, 뒤):", same_padding(7, 2, 2))
# --8<-- [end:padding]

# --8<-- [start:output-size]
# Keras의 두 가지 padding: 'valid'는 ⌊(n − k) / s⌋ + 1, 'same'은 ⌈n / s⌉
cases = [  # (입력 크기, 풀 크기, stride, padding)
    (24, 2, 3, "valid"),
    (24, 2, 3, "same"),
    (25, 2, 3, "valid"),
    (25, 2, 3, "same"),
    (28, 3, 1, "same"),
    (28, 3, None, "valid"),  # strides=None이면 pool_size를 씁니다
]
sizes = []
for n, k, s, padding in cases:
    layer = keras.layers.MaxPooling2D(k, strides=s, padding=padding)
    sizes.append(layer(np.zeros((1, n, n, 1), "float32")).shape[1])
    print(f"n={n} pool={k} strides={s} {padding:>5} → {sizes[-1]}")
print("MaxPooling2D(3)의 strides:", keras.layers.MaxPooling2D(3).strides)
# --8<-- [end:output-size]

# --8<-- [start:model]
from data import DROPOUT, FILTERS, HEIGHT, KERNEL_SIZE, N_CLASSES, WIDTH


def build_model():
    return keras.Sequential(
        [
            keras.Input(shape=(HEIGHT, WIDTH, 1)),
            keras.layers.Conv2D(
                FILTERS[0], KERNEL_SIZE, padding="same", activation="relu"
            ),
            keras.layers.MaxPooling2D(2),  # 8×8 → 4×4
            keras.layers.Conv2D(
                FILTERS[1], KERNEL_SIZE, padding="same", activation="relu"
            ),
            keras.layers.MaxPooling2D(2),  # 4×4 → 2×2
            keras.layers.Flatten(),  # (N, 2, 2, 32) → (N, 128)
            keras.layers.Dropout(DROPOUT),
            keras.layers.Dense(N_CLASSES),  # 로짓 (N, 10)
        ]
    )


model = build_model()
model.summary(line_length=64)
# --8<-- [end:model]

# --8<-- [start:flatten]
from data import POSITION_CODE

# 값 = 100·채널 + 10·행 + 열. NHWC (1, 2, 2, 3)을 펼치면 채널이 가장 빨리 바뀝니다.
codes = POSITION_CODE[np.newaxis]
flat = keras.layers.Flatten()(codes)
print("입력:", codes.shape, "→ Flatten:", tuple(flat.shape))
print(flat.numpy()[0].astype(int))
# --8<-- [end:flatten]

# --8<-- [start:lazy]
# Keras의 층은 모두 처음 입력을 받을 때 가중치를 만듭니다
head = keras.layers.Dense(N_CLASSES)
print("Dense 만든 직후:", head.built, "/ 가중치", len(head.weights), "개")
features = keras.Sequential(model.layers[:-2])  # 합성곱 부분 (Flatten까지)
head(features(x_train[:1]))
print("처음 호출한 뒤 kernel:", tuple(head.kernel.shape))
# keras.Input이 있는 모델은 만들 때 이미 모든 모양을 알고 있습니다
print("model의 Flatten 출력:", model.layers[4].output.shape)
in_features = head.kernel.shape[0]
# --8<-- [end:lazy]

# --8<-- [start:optimizer]
from data import LEARNING_RATE, MOMENTUM

# 로짓을 내는 모델이므로 from_logits=True (PyTorch CrossEntropyLoss와 같은 계산)
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=MOMENTUM),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
start_loss = float(model.loss(Y_TRAIN[:BATCH_SIZE], model(x_train[:BATCH_SIZE])))
print(f"첫 배치의 손실 {start_loss:.4f}  (ln 10 = {np.log(10):.4f})")
# --8<-- [end:optimizer]

# --8<-- [start:train]
from data import EPOCHS

# steps_per_epoch를 주면 fit은 에포크마다 데이터셋을 처음부터 다시 읽지 않고
# 이어서 읽습니다. 그래서 에포크 e에는 EPOCH_ORDERS[e]의 순서가 들어갑니다.
history = model.fit(
    train_ds,
    epochs=EPOCHS,
    steps_per_epoch=STEPS_PER_EPOCH,
    validation_data=test_ds,
    shuffle=False,  # 순서는 data.py가 정합니다
    verbose=0,
)
losses = history.history["loss"]  # 에포크 안 배치 손실의 평균 (배치 크기로 가중)
val_losses = history.history["val_loss"]
val_accuracies = history.history["val_accuracy"]
print("기록된 키:", list(history.history))
for epoch in (1, 2, 5, 10, EPOCHS):
    i = epoch - 1
    print(
        f"epoch {epoch:2d}  loss {losses[i]:.4f}  "
        f"평가 loss {val_losses[i]:.4f}  평가 정확도 {val_accuracies[i]:.4f}"
    )

# --8<-- [end:train]

# --8<-- [start:evaluate]
import matplotlib.pyplot as plt

# model(x)는 추론 모드로 계산합니다 (드롭아웃 꺼짐)
test_logits = model(x_test).numpy()
predictions = test_logits.argmax(axis=1)
test_accuracy = float(np.mean(predictions == Y_TEST))
print(f"평가 정확도 {test_accuracy:.4f}  ({np.sum(predictions != Y_TEST)}개 틀림)")
print("예측:", predictions[:12])
print("정답:", Y_TEST[:12])

# 첫 합성곱 층이 배운 3×3 필터 16개: kernel (3, 3, 1, 16)
kernel = model.layers[0].kernel.numpy()[:, :, 0, :]
fig, axes = plt.subplots(2, 8, figsize=(6.4, 2.2))
limit = np.abs(kernel).max()
for i, ax in enumerate(axes.flat):
    image = ax.imshow(kernel[:, :, i], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(str(i), fontsize=9)
    ax.set_axis_off()
fig.colorbar(image, ax=axes, shrink=0.8)
fig.suptitle("Keras: 첫 Conv2D의 필터 (kernel[:, :, 0, i])", fontsize=10)
plt.show()
# --8<-- [end:evaluate]

# --8<-- [start:exercise-mnist]
# 연습 문제 1: 28×28 입력에서 원본 예제의 두 모델이 Flatten에 넘기는 크기
for padding in ("same", "valid"):
    mnist_features = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(10, 5, padding=padding, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(20, 5, padding=padding, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
        ]
    )
    shapes = [tuple(layer.output.shape[1:]) for layer in mnist_features.layers]
    print(f"{padding:>5}:", " → ".join(map(str, shapes)))
# --8<-- [end:exercise-mnist]

# --8<-- [start:exercise-stride]
# 연습 문제 2: stride 2 'same'이 덧대는 칸은 입력 크기에 따라 달라집니다
for n in (7, 8):
    layer = keras.layers.Conv2D(4, 3, strides=2, padding="same")
    out = layer(np.zeros((1, n, n, 1), "float32"))
    print(f"n={n}: 출력 {out.shape[1]}, 덧댄 칸 (앞, 뒤) = {same_padding(n, 3, 2)}")
# --8<-- [end:exercise-stride]
