# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (scikit-learn과 NumPy만 씁니다).
# 양쪽이 이 파일에서 똑같은 배열을 받으므로 학습 데이터가 같다는 것이 보장됩니다.

# --8<-- [start:load]
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

# 당뇨병 환자 442명의 특징 10개(나이, 성별, BMI, 혈압, 혈액 검사 6개)와
# 1년 뒤 진행 정도. scikit-learn 패키지에 들어 있어 내려받지 않습니다.
# scaled=False: 원래 단위 그대로 받습니다 (기본값은 이미 크기를 바꾼 값).
diabetes = load_diabetes(scaled=False)
FEATURE_NAMES = diabetes.feature_names
N_FEATURES = len(FEATURE_NAMES)  # 10

# 고정된 분할: 학습 80 %, 평가 20 %
X_TRAIN_RAW, X_TEST_RAW, Y_TRAIN_RAW, Y_TEST_RAW = train_test_split(
    diabetes.data, diabetes.target, test_size=0.2, random_state=0
)
# --8<-- [end:load]

# --8<-- [start:scale]
# 표준화(standardization): 평균 0, 표준편차 1. 통계는 학습 데이터에서만 구합니다.
X_MEAN, X_STD = X_TRAIN_RAW.mean(axis=0), X_TRAIN_RAW.std(axis=0)
Y_MEAN, Y_STD = Y_TRAIN_RAW.mean(), Y_TRAIN_RAW.std()

X_TRAIN = (X_TRAIN_RAW - X_MEAN) / X_STD  # (353, 10) float64
X_TEST = (X_TEST_RAW - X_MEAN) / X_STD  # (89, 10)
Y_TRAIN = (Y_TRAIN_RAW - Y_MEAN) / Y_STD  # (353,) — 열 벡터가 아닌 1차원 배열
Y_TEST = (Y_TEST_RAW - Y_MEAN) / Y_STD  # (89,)
# --8<-- [end:scale]

# --8<-- [start:hparams]
LEARNING_RATE = 0.1  # 두 프레임워크의 SGD가 똑같이 씁니다
EPOCHS = 50  # 전체 배치 학습이므로 1 에포크 = 가중치 갱신 1번
SMALL_LEARNING_RATE = 1e-5  # 표준화하지 않은 특징에서도 발산하지 않는 학습률
# --8<-- [end:hparams]

# --8<-- [start:closed-form]
import numpy as np


def least_squares(x, y):
    """정규 방정식의 해: 경사 하강법이 다가가는 가장 좋은 가중치와 bias."""
    design = np.column_stack([x, np.ones(len(x))])  # bias 자리에 1을 붙입니다
    solution, *_ = np.linalg.lstsq(design, y, rcond=None)
    return solution[:-1], solution[-1]


BEST_W, BEST_B = least_squares(X_TRAIN, Y_TRAIN)
BEST_TEST_MSE = float(np.mean((X_TEST @ BEST_W + BEST_B - Y_TEST) ** 2))
# --8<-- [end:closed-form]
